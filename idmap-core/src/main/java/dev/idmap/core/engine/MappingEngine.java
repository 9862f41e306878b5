package dev.idmap.core.engine;

import java.nio.file.Path;

/**
 * Crawls both sites, matches every entity and writes the reports into {@code outputDir}. A run interrupted at
 * any point and started again with the same {@link MappingRequest#runId()} continues from its checkpoints.
 */
public interface MappingEngine {
    MappingOutcome run(MappingRequest request, Path outputDir, ProgressListener progress);
}
