package dev.geodig.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The orchestrator's readiness endpoint and nothing else, for the gateway's readiness tests only:
 * a real HTTP server on loopback answering {@code GET /actuator/health/readiness} like Spring Boot
 * does. The lookup path is not faked anywhere; the end-to-end tests run the real orchestrator.
 * Register it on a static field; it listens for the test class.
 */
final class OrchestratorReadinessEndpoint implements BeforeAllCallback, AfterAllCallback {

    private volatile HttpServer server;
    private volatile boolean ready = true;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            started.createContext("/actuator/health/readiness", exchange -> {
                boolean up = ready;
                byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
                exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            started.start();
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop(0);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer 503 DOWN from now on, as an orchestrator that lost Redis does. */
    void reportNotReady() {
        ready = false;
    }
}
