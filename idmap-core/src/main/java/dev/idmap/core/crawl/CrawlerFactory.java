package dev.idmap.core.crawl;

import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;

/** Opens a crawler for one site: Data Center API on the source side, Cloud API on the destination side. */
@FunctionalInterface
public interface CrawlerFactory {
    SiteCrawler open(Product product, Side side, SiteConnection connection);
}
