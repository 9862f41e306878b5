package dev.idmap.core.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tables that hold a run's staged entities, their match keys and the decisions made about them: the bulk of what a
 * run stages.
 *
 * <p>On PostgreSQL every run has three tables of its own, created when the run is registered and dropped whole when
 * the run is discarded. The entities and keys have no index while the crawl fills them by COPY; they are indexed once
 * when the crawl is over ({@link StagingStore#finishCrawl}). The decisions have only their primary key (type and
 * server id, which the matching of later types joins) while types are matched, and get the report's order as an
 * index once matching is over ({@link StagingStore#finishMatch}): measured at 100,000 issues (461,245 decisions,
 * server-side), loading them took 8.2 s into the shared table with its three indexes led by the run id, 2.3 s into a
 * table of the run's own with its primary key alone, and the report's index built afterwards 0.35 s (benchmarks/CHANGES.md,
 * session 9). Measured at 100,000 issues (830,000 entities): B-tree inserts row by row cost more than
 * half of the rows' loading, and a sorted build after the load less than half of that (benchmarks/CHANGES.md,
 * session 6). Tables of their own, rather than partitions of shared tables, because creating or dropping a partition
 * locks the shared parent against every other run's queries. On H2 all runs share {@code idmap_stage_entity} and
 * {@code idmap_stage_key} and {@code idmap_stage_decision}, indexed as rows arrive.
 *
 * <p>The rows keep their {@code run_id}, so that every query reads the same on both databases.
 *
 * @param entity the table of the run's entities (columns as {@code idmap_stage_entity})
 * @param key the table of the run's match keys (columns as {@code idmap_stage_key})
 * @param decision the table of the run's decisions (columns as {@code idmap_stage_decision})
 * @param ownTables whether the tables are the run's own (PostgreSQL), built without indexes until they are read
 */
public record StagedTables(String entity, String key, String decision, boolean ownTables) {

    /** The tables all runs share on H2. */
    public static final StagedTables SHARED =
            new StagedTables(StagingSchema.ENTITY, StagingSchema.KEY, StagingSchema.DECISION, false);

    /** A run's tables: its own on PostgreSQL, the shared ones on H2. */
    public static StagedTables of(String runId, boolean postgres) {
        if (!postgres) {
            return SHARED;
        }
        // a run id is any text up to 200 characters; table names are at most 63 bytes of identifier characters
        var suffix = digest(runId);
        return new StagedTables(
                StagingSchema.ENTITY + "_" + suffix,
                StagingSchema.KEY + "_" + suffix,
                StagingSchema.DECISION + "_" + suffix,
                true);
    }

    private static String digest(String runId) {
        try {
            var hash = MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
