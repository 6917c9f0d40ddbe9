package dev.geodig.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An HTTP server on a free loopback port that answers as a gateway would, with answers the test queues, and keeps
 * every request it got: the client's requests go over a real socket, and the test sees them as the gateway would.
 * (The gateway itself is a Spring application of another module; its faults API is tested there.)
 */
final class GatewayStandIn implements AutoCloseable {

    /** A request as it arrived. */
    record Request(String method, String target, String authorization, String traceparent, String contentType, String body) {
    }

    private record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    GatewayStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request's answer: {@code application/json} for a 200, {@code application/problem+json} otherwise. */
    GatewayStandIn answers(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, status == 200 ? "application/json" : "application/problem+json", body));
        }
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (requests) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("traceparent"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
        }
        Answer answer;
        synchronized (answers) {
            answer = answers.isEmpty() ? new Answer(500, "application/problem+json", "{\"status\":500,\"detail\":\"no answer queued\"}")
                    : answers.poll();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
