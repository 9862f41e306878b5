package dev.idmap.core.crawl;

import dev.idmap.core.model.EntityType;
import dev.idmap.core.model.Side;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The port through which the engine reads one site. Implemented by idmap-connectors for Jira and Confluence,
 * Data Center and Cloud. Implementations stream pages to the sink, retry what is retryable, and throw a
 * {@link CrawlFailure} naming the site, endpoint, HTTP status and Atlassian's own message otherwise.
 */
public interface SiteCrawler {

    Side side();

    /** Checks the credentials and permissions the crawl needs; fails fast with a message saying what to fix. */
    void verifyAccess();

    /** The entity types this site can list (Cloud-only types such as field contexts are absent on DC). */
    Set<EntityType> supportedTypes();

    /** Splits the crawl of one type into resumable scopes, e.g. one per project for issues. */
    List<CrawlScope> plan(EntityType type, Set<String> onlyContainerKeys);

    /**
     * Plans a whole run: scopes that together deliver every supported one of {@code types} (what the run needs, in
     * dependency order). A crawler that reads several types in one listing returns one scope delivering those the
     * run needs (Jira: issues with their comments, worklogs, attachments and links); by default each type is
     * planned on its own.
     */
    default List<CrawlScope> plan(List<EntityType> types, Set<String> onlyContainerKeys) {
        var supported = supportedTypes();
        var scopes = new LinkedHashSet<CrawlScope>();
        for (var type : types) {
            if (supported.contains(type)) {
                scopes.addAll(plan(type, onlyContainerKeys));
            }
        }
        return List.copyOf(scopes);
    }

    /** Streams every entity in the scope to the sink, in a deterministic order. */
    void crawl(CrawlScope scope, EntitySink sink);

    /** Whether the site keeps records of migrated users, so that {@link #migratedAccountIds} can be asked. */
    default boolean keepsMigrationRecords() {
        return false;
    }

    /**
     * Cloud only, when {@link #keepsMigrationRecords()}: asks the site which accountId each server user became
     * ({@code /user/bulk/migration}). Keys are server user keys when {@code byKey}, usernames otherwise. Absent keys
     * were not migrated. A site without the records tells {@code skipped} and answers no user.
     */
    default Map<String, String> migratedAccountIds(
            Collection<String> serverUsers, boolean byKey, Consumer<SkippedDetail> skipped) {
        throw new IllegalStateException(side() + " site keeps no migration records");
    }

    /**
     * The details the access check went on without ({@link #verifyAccess}: e.g. Confluence Cloud's migration
     * records). Those of a crawl go to its {@link EntitySink#skipped sink}, and are checkpointed with the part.
     */
    default List<SkippedDetail> detailsSkippedByAccessCheck() {
        return List.of();
    }

    /** Outbound requests issued so far, per endpoint template (e.g. {@code GET /rest/api/2/search}). */
    Map<String, Long> requestCounts();
}
