package dev.idmap.cli;

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

/**
 * A loopback proxy in front of a simulated site that, while {@link #breaking} is set, answers 400 to requests whose
 * path ends with a given suffix, as a site does that refuses a query: a run through it fails in the middle, after its
 * other parts were crawled.
 */
final class SwitchableProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String breakingSuffix;
    volatile boolean breaking;

    SwitchableProxy(URI target, String breakingSuffix) {
        this.breakingSuffix = breakingSuffix;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> forward(exchange, target));
        server.start();
    }

    /** The proxied site's base URL (same context path as the target). */
    URI baseUrl(URI target) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + target.getPath());
    }

    private void forward(HttpExchange exchange, URI target) throws IOException {
        try (exchange) {
            if (breaking && exchange.getRequestURI().getPath().endsWith(breakingSuffix)) {
                reply(exchange, 400, "{\"errorMessages\":[\"The query is refused (test proxy).\"]}");
                return;
            }
            var uri = URI.create("http://" + target.getAuthority() + exchange.getRequestURI());
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
