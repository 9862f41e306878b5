package dev.idmap.core.testing;

import dev.idmap.core.crawl.CrawlFailure;
import dev.idmap.core.crawl.CrawlScope;
import dev.idmap.core.crawl.EntitySink;
import dev.idmap.core.crawl.SiteCrawler;
import dev.idmap.core.crawl.SiteEntity;
import dev.idmap.core.crawl.SkippedDetail;
import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Product;
import dev.idmap.core.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A site made of fixed lists of entities: test data served through the real port, not a mock of a server. Issues
 * and their comments, worklogs and attachments are planned per project, like the real connectors do.
 */
public class FixtureSite implements SiteCrawler {

    private final Side side;
    private final Product product;
    private final List<SiteEntity> entities;
    private final Map<String, String> migratedByKey = new HashMap<>();
    private final Map<String, String> migratedByUsername = new HashMap<>();
    private final Map<String, Long> requests = java.util.Collections.synchronizedMap(new TreeMap<>());
    private final List<String> crawled = java.util.Collections.synchronizedList(new ArrayList<>());
    private String failScope;
    private int failAfter;
    private final Map<EntityType, Integer> refused = new HashMap<>();

    public FixtureSite(Product product, Side side, List<SiteEntity> entities) {
        this.product = product;
        this.side = side;
        this.entities = List.copyOf(entities);
    }

    public FixtureSite migrated(String serverKey, String username, String accountId) {
        if (serverKey != null) {
            migratedByKey.put(serverKey, accountId);
        }
        if (username != null) {
            migratedByUsername.put(username, accountId);
        }
        return this;
    }

    /** The next crawl of {@code scopeName} breaks after delivering {@code entities} entities. */
    public FixtureSite failingOnce(String scopeName, int entities) {
        this.failScope = scopeName;
        this.failAfter = entities;
        return this;
    }

    /**
     * The listing of {@code type} answers {@code status} (404: not offered, 403: forbidden), as a site without that API
     * or permission does.
     */
    public FixtureSite refusing(EntityType type, int status) {
        refused.put(type, status);
        return this;
    }

    /** Scope names crawled so far, in order. */
    public List<String> crawledScopes() {
        return List.copyOf(crawled);
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public void verifyAccess() {
        count("GET /verify");
    }

    @Override
    public Set<EntityType> supportedTypes() {
        return Set.copyOf(EntityType.of(product));
    }

    @Override
    public List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys) {
        if (!perProject(type)) {
            return List.of(CrawlScope.wholeSite(type));
        }
        var keys = new TreeSet<String>();
        for (var entity : entities) {
            if (entity.type() == EntityType.PROJECT) {
                keys.add(entity.name());
            }
        }
        return keys.stream()
                .filter(k -> onlyContainerKeys.isEmpty() || onlyContainerKeys.contains(k))
                .map(k -> CrawlScope.of(type, k))
                .toList();
    }

    @Override
    public void crawl(CrawlScope scope, EntitySink sink) {
        crawled.add(scope.name());
        var refusal = refused.get(scope.type());
        if (refusal != null) {
            var request = "GET /fixture/" + scope.type().namespace();
            count(request);
            throw new CrawlFailure(
                    refusal == 404 ? CrawlFailure.Kind.NOT_OFFERED : CrawlFailure.Kind.PERMISSION,
                    "fixture site: " + request + " answered HTTP " + refusal,
                    new CrawlFailure.Exchange(request, request, refusal, refusal == 404 ? "Not Found" : "Forbidden"));
        }
        int delivered = 0;
        var inScope = entities.stream()
                .filter(e -> e.type() == scope.type())
                .filter(e ->
                        scope.containerKey() == null || scope.containerKey().equals(projectKeyOf(e)))
                .sorted(Comparator.comparing(SiteEntity::id))
                .toList();
        for (var entity : inScope) {
            if (scope.name().equals(failScope) && delivered == failAfter) {
                failScope = null;
                throw new CrawlFailure(
                        CrawlFailure.Kind.UNAVAILABLE, "fixture site dropped the connection in " + scope.name());
            }
            sink.accept(entity);
            delivered++;
        }
        count("GET /fixture/" + scope.type().namespace());
    }

    @Override
    public boolean keepsMigrationRecords() {
        return side == Side.DESTINATION;
    }

    @Override
    public Map<String, String> migratedAccountIds(
            Collection<String> serverUsers, boolean byKey, java.util.function.Consumer<SkippedDetail> skipped) {
        count("GET /rest/api/3/user/bulk/migration");
        var source = byKey ? migratedByKey : migratedByUsername;
        var result = new HashMap<String, String>();
        for (var user : serverUsers) {
            if (source.containsKey(user)) {
                result.put(user, source.get(user));
            }
        }
        return result;
    }

    @Override
    public Map<String, Long> requestCounts() {
        return Map.copyOf(requests);
    }

    private void count(String endpoint) {
        requests.merge(endpoint, 1L, Long::sum);
    }

    private static boolean perProject(EntityType type) {
        return switch (type) {
            case ISSUE, COMMENT, WORKLOG, ATTACHMENT -> true;
            default -> false;
        };
    }

    /** Fixture convention: issues, comments, worklogs and attachments carry a {@code project} attribute. */
    private static String projectKeyOf(SiteEntity entity) {
        return entity.attribute("project");
    }
}
