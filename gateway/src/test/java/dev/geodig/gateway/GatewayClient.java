package dev.geodig.gateway;

import dev.geodig.testkit.LoopbackHttp;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client (the JDK's) against the gateway on its test port. */
final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LoopbackHttp http;

    GatewayClient(int port) {
        this.http = LoopbackHttp.onPort(port);
    }

    /** What came back: status, headers, body as JSON (null when not JSON). */
    record Answer(HttpResponse<String> response, JsonNode json) {
        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    Answer postJson(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Chunked transfer encoding: the body declares no Content-Length. */
    Answer postJsonChunked(String path, byte[] body) {
        BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        return send(request(path).header("Content-Type", "application/json").POST(chunked));
    }

    Answer send(HttpRequest.Builder request) {
        HttpResponse<String> response = http.send(request);
        JsonNode json = null;
        if (response.body() != null && !response.body().isBlank()) {
            try {
                json = JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = null;
            }
        }
        return new Answer(response, json);
    }

    HttpRequest.Builder request(String path) {
        return http.request(path);
    }
}
