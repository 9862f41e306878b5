package dev.idmap.service.jobs;

import dev.idmap.core.engine.Phase;

/**
 * Where a job is: the engine's phases, framed by the service's own (queued, starting, publishing, done). Each phase
 * owns a band of the job's overall percentage, in phase order, so that the overall percentage only grows while the
 * phases follow one another; the bands are a rough share of the time a phase takes (crawling dominates).
 */
public enum JobPhase {
    /** Accepted, not picked up yet. */
    QUEUED(0, 0),
    /** Picked up; the engine has not reported yet. */
    STARTING(0, 0),
    CRAWL(0, 80),
    USER_LOOKUP(80, 85),
    MATCH(85, 95),
    REPORT(95, 97),
    /** Reports stored and the lookup table filled from the decisions. */
    PUBLISH(97, 99),
    /** Finished with its reports published. */
    DONE(100, 100);

    private final int from;
    private final int to;

    JobPhase(int from, int to) {
        this.from = from;
        this.to = to;
    }

    /** The job's overall percentage when this phase is {@code phasePercent} % done. */
    int overall(int phasePercent) {
        return from + (to - from) * phasePercent / 100;
    }

    public static JobPhase of(Phase phase) {
        return switch (phase) {
            case CRAWL -> CRAWL;
            case USER_LOOKUP -> USER_LOOKUP;
            case MATCH -> MATCH;
            case REPORT -> REPORT;
        };
    }
}
