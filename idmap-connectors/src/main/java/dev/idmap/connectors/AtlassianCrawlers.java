package dev.idmap.connectors;

import dev.idmap.connectors.confluence.cloud.ConfluenceCloudCrawler;
import dev.idmap.connectors.confluence.dc.ConfluenceDcCrawler;
import dev.idmap.connectors.http.SiteClient;
import dev.idmap.connectors.http.Sleeper;
import dev.idmap.connectors.jira.cloud.JiraCloudCrawler;
import dev.idmap.connectors.jira.dc.JiraDcCrawler;
import dev.idmap.core.crawl.CrawlerFactory;
import dev.idmap.core.crawl.SiteConnection;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Opens the crawler for a site: Jira Data Center (REST 2 + agile 1.0) on the source side, Jira Cloud (REST 3 +
 * agile 1.0) on the destination side; Confluence Data Center ({@code /rest/api}) on the source side, Confluence
 * Cloud (REST v2 + v1) on the destination side. Each opened crawler has its own request counts and its own in-flight
 * limits; all share one {@link HttpClient}.
 */
public final class AtlassianCrawlers implements CrawlerFactory {

    private final CrawlerSettings settings;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final SplittableRandom seeds;

    public AtlassianCrawlers() {
        this(CrawlerSettings.defaults());
    }

    public AtlassianCrawlers(CrawlerSettings settings) {
        this(settings, InstantSource.system(), Sleeper.REAL);
    }

    /** @param clock reads {@code X-RateLimit-Reset}; @param sleeper waits between attempts */
    public AtlassianCrawlers(CrawlerSettings settings, InstantSource clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.seeds = new SplittableRandom(settings.jitterSeed());
    }

    /** What a 403 during a crawl asks the administrator to grant, in each product's terms. */
    static String permissionAdvice(Product product) {
        return switch (product) {
            case JIRA -> "grant it the global permissions 'Administer Jira' and 'Browse users and groups'";
            case CONFLUENCE ->
                "grant it the global permission 'Confluence Administrator' (Cloud: make it a Confluence site admin)"
                        + " and access to every space to map";
        };
    }

    @Override
    public SiteCrawler open(Product product, Side side, SiteConnection connection) {
        var site = describe(product, side, connection);
        var client = new SiteClient(
                site, permissionAdvice(product), connection, http, settings.client(), clock, sleeper, nextRandom());
        return switch (product) {
            case JIRA ->
                switch (side) {
                    case SOURCE -> new JiraDcCrawler(client);
                    case DESTINATION -> new JiraCloudCrawler(client);
                };
            case CONFLUENCE ->
                switch (side) {
                    case SOURCE -> new ConfluenceDcCrawler(client);
                    case DESTINATION -> new ConfluenceCloudCrawler(client);
                };
        };
    }

    private synchronized SplittableRandom nextRandom() {
        return seeds.split();
    }

    private static String describe(Product product, Side side, SiteConnection connection) {
        var productName = product == Product.JIRA ? "Jira" : "Confluence";
        var role = side == Side.SOURCE ? "source (Data Center)" : "destination (Cloud)";
        return productName + " " + role + " site " + connection.knownAs();
    }
}
