package dev.idmap.service.jobs;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.lookup.LookupTable;
import dev.idmap.service.storage.ReportStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has expired: report files (and their lookup rows) {@code retention.report} after the job completed,
 * and whole jobs {@code retention.job} after they were created. Runs as a db-scheduler recurring task, so one node of
 * a cluster sweeps at a time. After a sweep the documented 404s apply (they already do from the moment of expiry).
 */
public class Sweeper {

    public static final String TASK_NAME = "idmap-sweeper";
    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

    private final Jobs jobs;
    private final ReportStore store;
    private final LookupTable lookups;
    private final Clock clock;
    private final IdmapProperties.Retention retention;

    public Sweeper(
            Jobs jobs, ReportStore store, LookupTable lookups, Clock clock, IdmapProperties.Retention retention) {
        this.jobs = jobs;
        this.store = store;
        this.lookups = lookups;
        this.clock = clock;
        this.retention = retention;
    }

    /** One sweep; returns how many reports and jobs it deleted. */
    public Swept sweep() {
        var now = clock.instant();
        int reports = 0;
        for (var job : jobs.reportsCompletedBefore(now.minus(retention.report()))) {
            deleteReports(job);
            jobs.markReportDeleted(job.jobId());
            lookups.delete(job.jobId());
            reports++;
        }
        int deletedJobs = 0;
        for (var job : jobs.finalJobsCreatedBefore(now.minus(retention.job()))) {
            deleteReports(job);
            lookups.delete(job.jobId());
            jobs.delete(job.jobId());
            deletedJobs++;
        }
        if (reports + deletedJobs > 0) {
            log.info("sweeper deleted {} expired reports and {} expired jobs", reports, deletedJobs);
        }
        return new Swept(reports, deletedJobs);
    }

    public record Swept(int reports, int jobs) {}

    private void deleteReports(Job job) {
        store.delete(job.reportKey(false));
        store.delete(job.reportKey(true));
    }
}
