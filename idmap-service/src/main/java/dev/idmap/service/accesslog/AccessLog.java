package dev.idmap.service.accesslog;

import dev.idmap.service.api.RequestIds;
import dev.idmap.service.security.Caller;
import dev.idmap.service.security.CallerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One line per request on the logger {@code idmap.access}:
 * {@code method=GET path=/migrations/... status=200 durationMs=12 requestId=... caller=alice}. The path is logged
 * without its query (a download link's query is its signature) and no header is logged, so that no secret reaches the
 * log; {@code caller=-} when the request was not authenticated (public paths, refused credentials).
 */
public final class AccessLog extends OncePerRequestFilter {

    public static final String LOGGER = "idmap.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                var caller = request.getAttribute(CallerAuthentication.CALLER) instanceof Caller c ? c.name() : "-";
                log.info(
                        "method={} path={} status={} durationMs={} requestId={} caller={}",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000,
                        RequestIds.of(request),
                        caller);
            }
        }
    }
}
