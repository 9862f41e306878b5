package dev.idmap.core.engine;

import dev.idmap.core.report.DetailedRow;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Crawls both sites, matches every entity and writes the reports into {@code outputDir}. A run interrupted at
 * any point and started again with the same {@link MappingRequest#runId()} continues from its checkpoints.
 *
 * <p>After a run, and until it is discarded, its decisions can be read again one at a time: every source entity of
 * every reported type (users and groups included, whose ids the compatible report cannot carry), with its status,
 * rule, natural keys, candidates and reason.
 */
public interface MappingEngine {

    MappingOutcome run(MappingRequest request, Path outputDir, ProgressListener progress);

    /**
     * Streams the decisions of the finished run of {@code request}, in report order and in the report's scope, to
     * {@code sink}; memory does not grow with the number of decisions.
     */
    void forEachDecision(MappingRequest request, Consumer<DetailedRow> sink);

    /** Removes everything kept for a run (staged entities, checkpoints, decisions); reports stay where written. */
    void discard(String runId);

    /**
     * The runs that have something kept (staged entities, checkpoints): those that belong to no live job are
     * discarded at start-up, after a crash between a job's end and its discard.
     */
    default Set<String> stagedRunIds() {
        return Set.of();
    }
}
