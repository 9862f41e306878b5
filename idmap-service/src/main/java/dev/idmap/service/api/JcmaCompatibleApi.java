package dev.idmap.service.api;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.JobStatus;
import dev.idmap.service.jobs.Jobs;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
import dev.idmap.service.security.TriggerRateLimiter;
import dev.idmap.service.storage.ReportStore;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Jira Cloud Migration Assistant's server-side API, {@code GET /rest/migration/latest/report/id-mappings}, served
 * under {@code /jcma/{site}} for each configured source site, so that tools written for it (such as Atlassian's
 * Cloud Transition Tools) can load idmap's results: {@code 202} with an empty body while the mapping is produced,
 * then {@code 200 text/csv} with {@code entityType,serverId,cloudId}; {@code 400} with a text body when the cloud
 * site is not configured for that source.
 */
@RestController
class JcmaCompatibleApi {

    private final JobQueue queue;
    private final Jobs jobs;
    private final Sites sites;
    private final ReportStore store;
    private final TriggerRateLimiter rateLimiter;
    private final IdmapProperties properties;

    JcmaCompatibleApi(
            JobQueue queue,
            Jobs jobs,
            Sites sites,
            ReportStore store,
            TriggerRateLimiter rateLimiter,
            IdmapProperties properties) {
        this.queue = queue;
        this.jobs = jobs;
        this.sites = sites;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
    }

    @GetMapping("/jcma/{site}/rest/migration/latest/report/id-mappings")
    ResponseEntity<?> idMappings(
            @PathVariable String site,
            @RequestParam(name = "cloudSiteUrl", required = false) String cloudSiteUrl,
            @RequestParam(name = "invalidateCache", defaultValue = "false") String invalidateCacheParameter,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        // strict, as JCMA documents it: "1", "yes" or "TRUE" would be taken as true by a lenient parser
        if (!invalidateCacheParameter.equals("true") && !invalidateCacheParameter.equals("false")) {
            throw ApiException.validation("invalidateCache must be true or false");
        }
        var invalidateCache = invalidateCacheParameter.equals("true");
        var source =
                sites.byName(site).orElseThrow(() -> new ApiException(404, "No configured site named " + site + "."));
        if (cloudSiteUrl == null
                || !sites.isConfigured(cloudSiteUrl, source.product())
                || cloudSiteUrl.equals(source.url())) {
            return ResponseEntity.badRequest()
                    .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                    .body("No migrationScopeId found for the cloudSiteUrl " + cloudSiteUrl);
        }
        var latest = jobs.latest(caller.name(), source.product(), source.url(), cloudSiteUrl)
                .filter(job -> !queue.expired(job));
        if (latest.isPresent() && latest.get().status().active()) {
            return ResponseEntity.accepted().build();
        }
        if (!invalidateCache && latest.isPresent() && latest.get().status() == JobStatus.SUCCESS) {
            var job = latest.get();
            var report = queue.reportExpired(job)
                    ? java.util.Optional.<java.io.InputStream>empty()
                    : store.open(job.reportKey(false));
            if (report.isPresent()) {
                return ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + job.fileName(false) + "\"")
                        .body(new InputStreamResource(report.get()));
            }
        }
        if (!invalidateCache && latest.isPresent() && latest.get().status() == JobStatus.ERROR) {
            throw ApiException.conflict("The latest mapping job " + latest.get().jobId() + " for this site ended with"
                    + " ERROR: " + latest.get().errorMessage() + " Call again with invalidateCache=true to start a"
                    + " new one.");
        }
        rateLimiter.acquire(caller.name()).ifPresent(wait -> {
            throw ApiException.tooManyTriggers(
                    wait, properties.api().triggerRate().perMinute());
        });
        queue.trigger(caller, source.product(), source.url(), cloudSiteUrl);
        return ResponseEntity.accepted().build();
    }
}
