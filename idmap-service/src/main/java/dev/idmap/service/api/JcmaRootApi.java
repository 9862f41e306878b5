package dev.idmap.service.api;

import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JCMA-compatible endpoint at JCMA's own path, {@code /rest/migration/latest/report/id-mappings}, for clients
 * that take only {@code scheme://host:port} as the server and need paths under {@code rest/} (Atlassian's Cloud
 * Transition Tools). The source site is the one configured site of the destination's product that is not itself a
 * Cloud site ({@code *.atlassian.net}) nor the destination; when several fit, {@code 400} names them and
 * {@code /jcma/{site}/…} chooses.
 */
@RestController
class JcmaRootApi {

    private final JcmaCompatibleApi jcma;
    private final Sites sites;
    private final IdmapProperties properties;

    JcmaRootApi(JcmaCompatibleApi jcma, Sites sites, IdmapProperties properties) {
        this.jcma = jcma;
        this.sites = sites;
        this.properties = properties;
    }

    @GetMapping("/rest/migration/latest/report/id-mappings")
    ResponseEntity<?> idMappings(
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
        var invalidateCache = JcmaCompatibleApi.strictBoolean(invalidateCacheParameter);
        var destination =
                cloudSiteUrl == null ? null : sites.byUrl(cloudSiteUrl).orElse(null);
        if (destination == null) {
            return JcmaCompatibleApi.noMigrationScope(cloudSiteUrl);
        }
        var candidates = properties.sites().stream()
                .filter(site -> site.product() == destination.product())
                .filter(site -> !site.url().equals(destination.url()))
                .filter(site -> !TriggerValidation.isCloud(site.url()))
                .toList();
        if (candidates.size() != 1) {
            return JcmaCompatibleApi.plainBadRequest(
                    candidates.isEmpty()
                            ? "No migrationScopeId found for the cloudSiteUrl " + cloudSiteUrl
                                    + ": no Data Center site of " + destination.product() + " is configured"
                            : "Several configured Data Center sites could be the source of " + cloudSiteUrl
                                    + ": "
                                    + String.join(
                                            ", ",
                                            candidates.stream()
                                                    .map(site -> site.name() + " (" + site.url() + ")")
                                                    .toList())
                                    + ". Call /jcma/{site}/rest/migration/latest/report/id-mappings with one of"
                                    + " these names instead.");
        }
        return jcma.answer(candidates.get(0), cloudSiteUrl, invalidateCache, caller);
    }
}
