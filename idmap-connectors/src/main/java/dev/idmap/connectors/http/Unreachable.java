package dev.idmap.connectors.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Connection failures that retrying will not cure, with their likely cause: an unknown host, a TLS failure, and, while
 * the site has not answered once, a refused or timed-out connection (a wrong URL or port, a site that is down, an
 * {@code https://} URL for a plain-HTTP site). Once a site has answered, refusals and timeouts are transient (a node
 * restarting, a load balancer shedding) and are retried.
 */
final class Unreachable {

    private Unreachable() {}

    /**
     * Why the site cannot be reached, or empty when the failure may pass and is worth retrying.
     *
     * @param uri the request's URI
     * @param connectUrl whether {@code uri} is on the configured connect-url, which only the operator knows: the
     *     explanation then names "its connect-url" instead of the host
     */
    static Optional<String> explain(IOException error, URI uri, boolean connectUrl, boolean answeredBefore) {
        var where = connectUrl ? "its connect-url" : uri.getHost() + ":" + port(uri);
        var unknownHost = connectUrl
                ? "unknown host in its connect-url: check the connect-url configured for the site"
                : "unknown host " + uri.getHost() + ": check the site URL";
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnresolvedAddressException e -> {
                    return Optional.of(unknownHost);
                }
                case UnknownHostException e -> {
                    return Optional.of(unknownHost);
                }
                case SSLHandshakeException e
                when hasCause(e, CertificateException.class) -> {
                    return Optional.of("the TLS certificate of " + where + " is not trusted (" + e.getMessage()
                            + "): add its certificate authority to the JVM's trust store");
                }
                case SSLException e -> {
                    return Optional.of("TLS failed with " + where + " (" + e.getMessage() + "): is this an http://"
                            + " site? then give its URL with http://");
                }
                case HttpConnectTimeoutException e
                when !answeredBefore -> {
                    return Optional.of("no connection to " + where + " within the connect timeout: is the host"
                            + " reachable from here (firewall, proxy)?"
                            + ("https".equals(uri.getScheme()) ? " Or is this an http:// site?" : ""));
                }
                case ConnectException e
                when !answeredBefore -> {
                    return Optional.of("connection refused by " + where + ": is the site running there, and are"
                            + " the host and port of " + (connectUrl ? "the connect-url" : "the URL") + " right?");
                }
                default -> {
                    // look further down the chain
                }
            }
        }
        return Optional.empty();
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
