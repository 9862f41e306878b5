package dev.idmap.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A loopback proxy in front of a simulated site, for what a real site does that the simulator does not stage by
 * itself: a query refused in the middle of a run, a page deleted between its listing and the request for its
 * attachments, comments edited since they were written. While {@link #intercepting(boolean) intercepting}, its
 * {@link Interceptor} may answer a request instead of the site or change the site's answer; everything else is
 * forwarded unchanged (GET only, with its {@code Authorization}).
 */
public final class SiteProxy implements AutoCloseable {

    /** An answer, with a JSON body (empty: none). */
    public record Answer(int status, String body) {}

    /** What the proxy changes. */
    public interface Interceptor {
        /** The answer to give instead of the site's, or empty to forward; {@code path} is the raw request path. */
        Optional<Answer> instead(String path);

        /** The answer to give for the site's {@code answer} to a forwarded request; by default that answer. */
        default Answer after(String path, Answer answer) {
            return answer;
        }
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private final Interceptor interceptor;
    private volatile boolean intercepting = true;

    /** @param target the site's base URL (its context path is kept: {@link #baseUrl()} has the same path) */
    public SiteProxy(URI target, Interceptor interceptor) {
        this.target = target;
        this.interceptor = interceptor;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy that answers {@code status} and {@code body} to the requests whose raw path matches. */
    public static SiteProxy refusing(URI target, Predicate<String> path, int status, String body) {
        var refusal = new Answer(status, body);
        return new SiteProxy(target, p -> path.test(p) ? Optional.of(refusal) : Optional.empty());
    }

    /** Switches the interceptor on (as a new proxy is) or off (everything forwarded unchanged). */
    public SiteProxy intercepting(boolean on) {
        this.intercepting = on;
        return this;
    }

    /** The proxied site's base URL: this proxy's address with the target's context path. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target.getPath());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            var instead = intercepting ? interceptor.instead(path) : Optional.<Answer>empty();
            if (instead.isPresent()) {
                reply(exchange, instead.get());
                return;
            }
            var uri = URI.create("http://" + target.getRawAuthority() + exchange.getRequestURI());
            var forwarded = HttpRequest.newBuilder(uri)
                    .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                    .GET()
                    .build();
            var response = http.send(forwarded, HttpResponse.BodyHandlers.ofString());
            var answer = new Answer(response.statusCode(), response.body());
            reply(exchange, intercepting ? interceptor.after(path, answer) : answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, Answer answer) throws IOException {
        var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
