package dev.idmap.core.engine;

import java.util.Objects;

/**
 * Where a run is.
 *
 * @param phase the phase the run is in
 * @param partsDone resumable parts finished
 * @param partsTotal resumable parts planned (0 while planning)
 * @param entitiesProcessed entities crawled or matched so far
 */
public record Progress(Phase phase, int partsDone, int partsTotal, long entitiesProcessed) {

    public Progress {
        Objects.requireNonNull(phase, "phase");
    }

    public int percent() {
        return partsTotal == 0 ? 0 : (int) Math.min(100, (100L * partsDone) / partsTotal);
    }
}
