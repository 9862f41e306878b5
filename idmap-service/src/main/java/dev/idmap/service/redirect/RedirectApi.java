package dev.idmap.service.redirect;

import dev.idmap.core.rewrite.Decision;
import dev.idmap.service.api.ApiException;
import dev.idmap.service.config.IdmapProperties;
import dev.idmap.service.config.Sites;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /redirect/{site}/<old path and query>}: a {@code 301} to the Cloud link of an old Data Center link, so
 * that a decommissioned host name can point at idmap (a reverse proxy maps {@code https://wiki.example.com/x} to
 * {@code /redirect/wiki/x}). Public, since browsers follow it, and answered only for sites configured with
 * {@code redirects: true}; an unknown link answers {@code 404} in the documented envelope with the reason.
 */
@RestController
class RedirectApi {

    static final String PREFIX = "/redirect/";

    private final Sites sites;
    private final RedirectMappings mappings;

    RedirectApi(Sites sites, RedirectMappings mappings) {
        this.sites = sites;
        this.mappings = mappings;
    }

    @GetMapping(PREFIX + "{site}/**")
    ResponseEntity<Void> redirect(@PathVariable String site, HttpServletRequest request) {
        var source = sites.byName(site)
                .filter(IdmapProperties.Site::redirects)
                .orElseThrow(() -> new ApiException(
                        404, "No redirects are served for a site named " + site + " (it needs redirects: true)."));
        var path =
                request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length() + site.length());
        var query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        var oldLink = source.url() + path + query;
        var translator = mappings.translator(source)
                .orElseThrow(() -> new ApiException(
                        404, "No successful mapping of " + source.url() + " yet; redirects start with the first one."));
        var decision = translator.translate(oldLink).orElse(new Decision.Skipped(oldLink, "not a link to the site"));
        return switch (decision) {
            case Decision.Replaced replaced ->
                ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                        .header(HttpHeaders.LOCATION, replaced.replacement())
                        .header(HttpHeaders.CACHE_CONTROL, "max-age=3600")
                        .build();
            case Decision.Skipped skipped ->
                throw new ApiException(404, "No Cloud link for " + path + query + ": " + skipped.reason());
        };
    }
}
