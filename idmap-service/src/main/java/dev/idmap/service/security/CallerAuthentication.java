package dev.idmap.service.security;

import dev.idmap.service.api.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every API request except the public ones (health probes, the OpenAPI document, signed download
 * links, which carry their own proof, Swagger UI when configured public, and the redirects of old links, which
 * browsers follow and which answer only for sites that opt in). 401 without or with wrong credentials;
 * 403 when a non-admin asks for an admin-only resource (metrics). The console has its own chain
 * ({@code dev.idmap.service.console}); this filter runs in the API's ({@link ApiSecurity}).
 */
public final class CallerAuthentication extends OncePerRequestFilter {

    public static final String CALLER = "idmap.caller";
    private static final Logger log = LoggerFactory.getLogger(CallerAuthentication.class);

    private final Callers callers;
    private final boolean swaggerUiPublic;

    public CallerAuthentication(Callers callers, boolean swaggerUiPublic) {
        this.callers = callers;
        this.swaggerUiPublic = swaggerUiPublic;
    }

    private boolean isPublicHere(String path) {
        return isPublic(path) || (swaggerUiPublic && isSwaggerUi(path));
    }

    /** Swagger UI's page and assets (served from the jar, no CDN). */
    public static boolean isSwaggerUi(String path) {
        return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/");
    }

    public static boolean isPublic(String path) {
        return path.equals("/") // redirects a person to the console's sign-in
                || path.startsWith("/files/")
                || path.startsWith("/redirect/")
                || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/")
                || path.equals("/v3/api-docs")
                || path.equals("/v3/api-docs.yaml")
                || path.startsWith("/v3/api-docs/")
                || path.equals("/error");
    }

    private static boolean adminOnly(String path) {
        return path.startsWith("/actuator/") && !isPublic(path) && !path.equals("/actuator/info");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        if (isPublicHere(path)) {
            chain.doFilter(request, response);
            return;
        }
        var authorizations = java.util.Collections.list(request.getHeaders("Authorization"));
        if (authorizations.size() > 1) {
            // which one would win is a proxy's choice, not ours: refuse rather than pick
            ErrorWriter.write(
                    request, response, 400, "Send one Authorization header, not " + authorizations.size() + ".", null);
            return;
        }
        switch (callers.authenticate(request.getHeader("Authorization"))) {
            case Callers.Authentication.Authenticated(var caller) -> {
                if (adminOnly(path) && !caller.admin()) {
                    ErrorWriter.write(
                            request, response, 403, "Forbidden: " + path + " is for admin callers only.", null);
                    return;
                }
                request.setAttribute(CALLER, caller);
                chain.doFilter(request, response);
            }
            case Callers.Authentication.Missing() ->
                unauthorized(
                        request,
                        response,
                        "Authentication required: send 'Authorization: Bearer <API token>' or 'Authorization: Basic"
                                + " <base64 of user:API token>'.");
            case Callers.Authentication.Rejected() -> {
                log.info("rejected credentials for {} {}", request.getMethod(), path);
                unauthorized(request, response, "Unauthorized: incorrect or revoked credentials.");
            }
        }
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        response.addHeader("WWW-Authenticate", "Bearer realm=\"idmap\"");
        response.addHeader("WWW-Authenticate", "Basic realm=\"idmap\", charset=\"UTF-8\"");
        ErrorWriter.write(request, response, 401, message, null);
    }
}
