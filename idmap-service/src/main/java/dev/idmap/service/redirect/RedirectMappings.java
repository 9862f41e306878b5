package dev.idmap.service.redirect;

import dev.idmap.core.rewrite.LinkTranslator;
import dev.idmap.core.rewrite.MappingReports;
import dev.idmap.core.rewrite.SourceSite;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.Jobs;
import dev.idmap.service.jobs.ReportAccess;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The link translator of a source site, from the detailed report of its newest successful job (any caller's), loaded
 * once per job: a newer job replaces it at the next request.
 */
@Component
class RedirectMappings {

    private final Jobs jobs;
    private final JobQueue queue;
    private final Map<String, Loaded> bySite = new ConcurrentHashMap<>();

    RedirectMappings(Jobs jobs, JobQueue queue) {
        this.jobs = jobs;
        this.queue = queue;
    }

    record Loaded(String jobId, LinkTranslator translator) {}

    /** The translator for the site, or empty when no successful job with a kept report maps it. */
    Optional<LinkTranslator> translator(IdmapProperties.Site site) {
        var latest = jobs.latestSucceeded(site.url());
        if (latest.isEmpty() || !(queue.access(latest.get()) instanceof ReportAccess.Ready ready)) {
            return Optional.empty();
        }
        var job = ready.job();
        var jobId = job.jobId();
        var loaded = bySite.get(site.name());
        if (loaded != null && loaded.jobId().equals(jobId)) {
            return Optional.of(loaded.translator());
        }
        var key = job.reportKey(true);
        var report = queue.open(ready, true);
        if (report.isEmpty()) {
            return Optional.empty();
        }
        try (var reader = new InputStreamReader(report.get(), StandardCharsets.UTF_8)) {
            var mapping = MappingReports.load(key, reader);
            var translator = new LinkTranslator(
                    mapping, List.of(SourceSite.of(site.product(), site.url())), URI.create(job.destinationUrl()));
            bySite.put(site.name(), new Loaded(jobId, translator));
            return Optional.of(translator);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the report of job " + jobId, e);
        }
    }
}
