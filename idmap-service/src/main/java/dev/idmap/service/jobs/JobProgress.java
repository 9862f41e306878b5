package dev.idmap.service.jobs;

import dev.idmap.core.engine.Progress;
import java.util.Objects;

/**
 * How far a job got.
 *
 * @param partsDone resumable parts finished (for PUBLISH: 0, then 1)
 * @param partsTotal parts planned (0 while planning)
 * @param entitiesProcessed entities crawled, matched, reported or published so far
 */
public record JobProgress(JobPhase phase, int partsDone, int partsTotal, long entitiesProcessed) {

    public static final JobProgress QUEUED = new JobProgress(JobPhase.QUEUED, 0, 0, 0);
    public static final JobProgress STARTING = new JobProgress(JobPhase.STARTING, 0, 0, 0);

    public JobProgress {
        Objects.requireNonNull(phase, "phase");
    }

    public static JobProgress of(Progress progress) {
        return new JobProgress(
                JobPhase.of(progress.phase()),
                progress.partsDone(),
                progress.partsTotal(),
                progress.entitiesProcessed());
    }

    public JobProgress done() {
        return new JobProgress(JobPhase.DONE, partsTotal, partsTotal, entitiesProcessed);
    }

    /** How far the whole job is, 0 to 100: grows from phase to phase (see {@link JobPhase}), 100 only when done. */
    public int percent() {
        return phase.overall(phasePercent());
    }

    /** How far the current phase is, 0 to 100. */
    public int phasePercent() {
        if (phase == JobPhase.DONE) {
            return 100;
        }
        return partsTotal == 0 ? 0 : (int) Math.min(100, (100L * partsDone) / partsTotal);
    }
}
