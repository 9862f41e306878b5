package dev.idmap.connectors;

import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A crawler that forwards every call to a real one; tests override the calls they break or observe. */
abstract class ForwardingSiteCrawler implements SiteCrawler {

    protected final SiteCrawler crawler;

    ForwardingSiteCrawler(SiteCrawler crawler) {
        this.crawler = crawler;
    }

    @Override
    public void crawl(CrawlScope scope, EntitySink sink) {
        crawler.crawl(scope, sink);
    }

    @Override
    public Map<String, String> migratedAccountIds(
            Collection<String> serverUsers, boolean byKey, Consumer<SkippedDetail> skipped) {
        return crawler.migratedAccountIds(serverUsers, byKey, skipped);
    }

    @Override
    public Side side() {
        return crawler.side();
    }

    @Override
    public void verifyAccess() {
        crawler.verifyAccess();
    }

    @Override
    public Set<EntityType> supportedTypes() {
        return crawler.supportedTypes();
    }

    @Override
    public List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys) {
        return crawler.plan(type, onlyContainerKeys);
    }

    @Override
    public List<CrawlScope> plan(List<EntityType> types, Set<String> onlyContainerKeys) {
        return crawler.plan(types, onlyContainerKeys);
    }

    @Override
    public boolean keepsMigrationRecords() {
        return crawler.keepsMigrationRecords();
    }

    @Override
    public List<SkippedDetail> detailsSkippedByAccessCheck() {
        return crawler.detailsSkippedByAccessCheck();
    }

    @Override
    public Map<String, Long> requestCounts() {
        return crawler.requestCounts();
    }
}
