package dev.geodig.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The orchestrator's readiness endpoint and nothing else, for the gateway's readiness tests only:
 * a real HTTP server on loopback answering {@code GET /actuator/health/readiness} like Spring Boot
 * does. The lookup path is not faked anywhere; the end-to-end tests run the real orchestrator.
 */
final class OrchestratorReadinessEndpoint implements AutoCloseable {

    private final HttpServer server;
    private volatile boolean ready = true;

    private OrchestratorReadinessEndpoint(HttpServer server) {
        this.server = server;
    }

    static OrchestratorReadinessEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OrchestratorReadinessEndpoint endpoint = new OrchestratorReadinessEndpoint(server);
            server.createContext("/actuator/health/readiness", exchange -> {
                boolean up = endpoint.ready;
                byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.spring-boot.actuator.v3+json");
                exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer 503 DOWN from now on, as an orchestrator that lost Redis does. */
    void reportNotReady() {
        ready = false;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
