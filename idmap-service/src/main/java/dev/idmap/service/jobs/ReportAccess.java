package dev.idmap.service.jobs;

/** Whether a job's report (and its lookups) can be used, and if not, why. */
public sealed interface ReportAccess {

    Job job();

    /** SUCCESS and within the report retention. */
    record Ready(Job job) implements ReportAccess {}

    /** PENDING or IN_PROGRESS: poll until SUCCESS. */
    record NotYet(Job job) implements ReportAccess {}

    /** Failed or cancelled: there is no report; trigger a new job. */
    record NoReport(Job job) implements ReportAccess {}

    /** Was ready, but its files were deleted or are older than the report retention. */
    record Expired(Job job) implements ReportAccess {}
}
