package dev.idmap.service.jobs;

import dev.idmap.core.engine.Phase;

/** Where a job is: the engine's phases, framed by the service's own (queued, starting, publishing, done). */
public enum JobPhase {
    /** Accepted, not picked up yet. */
    QUEUED,
    /** Picked up; the engine has not reported yet. */
    STARTING,
    CRAWL,
    USER_LOOKUP,
    MATCH,
    REPORT,
    /** Reports stored and the lookup table filled from the decisions. */
    PUBLISH,
    /** Finished with its reports published. */
    DONE;

    public static JobPhase of(Phase phase) {
        return switch (phase) {
            case CRAWL -> CRAWL;
            case USER_LOOKUP -> USER_LOOKUP;
            case MATCH -> MATCH;
            case REPORT -> REPORT;
        };
    }
}
