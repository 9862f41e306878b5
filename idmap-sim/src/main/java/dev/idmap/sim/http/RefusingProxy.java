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
import java.util.function.Predicate;

/**
 * A loopback proxy in front of a simulated site that, while {@link #refusing(boolean) refusing}, answers the requests
 * whose path matches with a fixed status and body, as a real site does in situations the simulator does not stage by
 * itself: a query refused in the middle of a run, one page deleted between its listing and the request for its
 * attachments. Everything else is forwarded unchanged (GET only, with its {@code Authorization}).
 */
public final class RefusingProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI target;
    private final Predicate<String> refusedPath;
    private final int status;
    private final String body;
    private volatile boolean refusing;

    /**
     * @param target the site's base URL (its context path is kept: {@link #baseUrl()} has the same path)
     * @param refusedPath which request paths (the raw path, context path included) are refused while refusing
     * @param status the answer to those, e.g. 404
     * @param body its JSON body, in the product's error envelope
     */
    public RefusingProxy(URI target, Predicate<String> refusedPath, int status, String body) {
        this.target = target;
        this.refusedPath = refusedPath;
        this.status = status;
        this.body = body;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.start();
    }

    /** Switches the refusal on or off; a new proxy forwards everything until switched on. */
    public RefusingProxy refusing(boolean on) {
        this.refusing = on;
        return this;
    }

    /** The proxied site's base URL: this proxy's address with the target's context path. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target.getPath());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refusing && refusedPath.test(exchange.getRequestURI().getRawPath())) {
                reply(exchange, status, body);
                return;
            }
            var uri = URI.create("http://" + target.getRawAuthority() + exchange.getRequestURI());
            var forwarded = HttpRequest.newBuilder(uri)
                    .header("Authorization", exchange.getRequestHeaders().getFirst("Authorization"))
                    .GET()
                    .build();
            var answer = http.send(forwarded, HttpResponse.BodyHandlers.ofString());
            reply(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
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
