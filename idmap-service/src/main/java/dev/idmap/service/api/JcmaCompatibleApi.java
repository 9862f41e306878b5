package dev.idmap.service.api;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import dev.idmap.service.jobs.JobQueue;
import dev.idmap.service.jobs.ReportAccess;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
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
    private final Sites sites;

    JcmaCompatibleApi(JobQueue queue, Sites sites) {
        this.queue = queue;
        this.sites = sites;
    }

    /** JCMA's 400: a plain-text body, not the envelope (that is what the Cloud Migration Assistant answers). */
    static ResponseEntity<String> plainBadRequest(String message) {
        return ResponseEntity.badRequest()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(message);
    }

    static ResponseEntity<String> noMigrationScope(String cloudSiteUrl) {
        return plainBadRequest("No migrationScopeId found for the cloudSiteUrl " + cloudSiteUrl);
    }

    @GetMapping("/jcma/{site}/rest/migration/latest/report/id-mappings")
    ResponseEntity<?> idMappings(
            @PathVariable String site,
            @RequestParam(name = "cloudSiteUrl", required = false) String cloudSiteUrl,
            @io.swagger.v3.oas.annotations.Parameter(
                            description = "true starts a new mapping job; exactly true or false",
                            schema =
                                    @io.swagger.v3.oas.annotations.media.Schema(
                                            type = "string",
                                            allowableValues = {"true", "false"},
                                            defaultValue = "false"))
                    @RequestParam(name = "invalidateCache", defaultValue = "false")
                    String invalidateCacheParameter,
            @RequestAttribute(CallerAuthentication.CALLER) Caller caller) {
        var invalidateCache = strictBoolean(invalidateCacheParameter);
        var source =
                sites.byName(site).orElseThrow(() -> new ApiException(404, "No configured site named " + site + "."));
        return answer(source, cloudSiteUrl, invalidateCache, caller);
    }

    /** Strict, as JCMA documents it: "1", "yes" or "TRUE" would be taken as true by a lenient parser. */
    static boolean strictBoolean(String invalidateCache) {
        if (!invalidateCache.equals("true") && !invalidateCache.equals("false")) {
            throw ApiException.validation("invalidateCache must be true or false");
        }
        return invalidateCache.equals("true");
    }

    /** JCMA's answer for one source site; shared with the root path ({@link JcmaRootApi}). */
    ResponseEntity<?> answer(IdmapProperties.Site source, String cloudSiteUrl, boolean invalidateCache, Caller caller) {
        if (cloudSiteUrl == null
                || !sites.isConfigured(cloudSiteUrl, source.product())
                || cloudSiteUrl.equals(source.url())) {
            return noMigrationScope(cloudSiteUrl);
        }
        var latest = queue.latest(caller, source.product(), source.url(), cloudSiteUrl);
        if (latest.isPresent() && !invalidateCache) {
            var access = queue.access(latest.get());
            switch (access) {
                case ReportAccess.NotYet notYet -> {
                    return ResponseEntity.accepted().build();
                }
                case ReportAccess.Ready ready -> {
                    var report = queue.open(ready, false);
                    if (report.isPresent()) {
                        return ResponseEntity.ok()
                                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                                .header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"" + ready.job().fileName(false) + "\"")
                                .body(new InputStreamResource(report.get()));
                    }
                }
                case ReportAccess.NoReport noReport -> {
                    var message = noReport.job().state().errorMessage().orElse("");
                    throw ApiException.conflict(
                            "The latest mapping job " + noReport.job().jobId()
                                    + " for this site ended with ERROR: " + message
                                    + " Call again with invalidateCache=true to start a new one.");
                }
                case ReportAccess.Expired expired -> {}
            }
        } else if (latest.isPresent() && latest.get().status().active()) {
            return ResponseEntity.accepted().build();
        }
        queue.trigger(caller, () -> new JobQueue.Target(source.product(), source.url(), cloudSiteUrl));
        return ResponseEntity.accepted().build();
    }
}
