package dev.geodig.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Blocking HTTP/1.1 calls to a server a test started on loopback: the JDK's client, each call bounded
 * to 30 s, failures unchecked. Close it with the test.
 */
public final class LoopbackHttp implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    /** @param base the server's root, {@code http://127.0.0.1:<port>} */
    public LoopbackHttp(String base) {
        this.base = base;
    }

    public static LoopbackHttp onPort(int port) {
        return new LoopbackHttp("http://" + LoopbackPorts.LOOPBACK + ":" + port);
    }

    /** A request for {@code path} below the server's root, for the caller to complete and {@link #send}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** POSTs {@code body} as {@code contentType}, asking for JSON back. */
    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return BlockingCall.unchecked(() -> http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Override
    public void close() {
        http.close();
    }
}
