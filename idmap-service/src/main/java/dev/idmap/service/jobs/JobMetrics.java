package dev.idmap.service.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Prometheus metrics of the jobs: {@code idmap_jobs{status}} (jobs in the database by status),
 * {@code idmap_job_duration_seconds{status}} (time from start to end of runs on this node) and
 * {@code idmap_outbound_requests_total{site,endpoint}} (requests the engine sent to each configured site).
 */
public class JobMetrics {

    private static final Duration COUNT_CACHE = Duration.ofSeconds(5);

    private final MeterRegistry registry;
    private final Jobs jobs;
    private final Clock clock;
    private volatile Map<JobStatus, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.MIN;

    public JobMetrics(MeterRegistry registry, Jobs jobs, Clock clock) {
        this.registry = registry;
        this.jobs = jobs;
        this.clock = clock;
        for (var status : JobStatus.values()) {
            Gauge.builder("idmap.jobs", () -> count(status))
                    .description("Jobs in the database by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    private synchronized long count(JobStatus status) {
        var now = clock.instant();
        if (now.isAfter(countedAt.plus(COUNT_CACHE))) {
            counts = jobs.countByStatus();
            countedAt = now;
        }
        return counts.getOrDefault(status, 0L);
    }

    void finished(JobStatus status, Duration duration) {
        Timer.builder("idmap.job.duration")
                .description("Duration of job runs on this node, by final status")
                .tag("status", status.name())
                .register(registry)
                .record(duration);
    }

    /** Records the engine's per-site request counts ("source"/"destination" → endpoint → requests). */
    void outboundRequests(String sourceSite, String destinationSite, Map<String, Map<String, Long>> perSite) {
        if (perSite == null) {
            return;
        }
        perSite.forEach((side, endpoints) -> {
            var site = "source".equalsIgnoreCase(side)
                    ? sourceSite
                    : "destination".equalsIgnoreCase(side) ? destinationSite : side;
            endpoints.forEach((endpoint, count) -> Counter.builder("idmap.outbound.requests")
                    .description("HTTP requests sent to configured Atlassian sites")
                    .tag("site", site)
                    .tag("endpoint", endpoint)
                    .register(registry)
                    .increment(count));
        });
    }
}
