package dev.geodig.testkit;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Jaeger v2 for one test class: the binary {@code ./geodig} builds ({@code tools/bin/jaeger}), with the
 * topology's own configuration ({@code deploy/otel/jaeger.yaml}: in-memory store, OTLP in, query API out) on free
 * loopback ports. Spans go in as OTLP/HTTP JSON ({@link #send}), exactly as a collector would send them; the
 * query API answers as it does for the gateway. Close it to stop it.
 */
public final class JaegerServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ChildProcess process;
    private final int queryPort;
    private final int otlpHttpPort;
    private final LoopbackHttp otlp;

    private JaegerServer(ChildProcess process, int queryPort, int otlpHttpPort) {
        this.process = process;
        this.queryPort = queryPort;
        this.otlpHttpPort = otlpHttpPort;
        this.otlp = LoopbackHttp.onPort(otlpHttpPort);
    }

    /**
     * Starts Jaeger from {@code repoRoot} (the repository, where {@code ./geodig} built it), keeping at most
     * {@code maxTraces} traces, and waits until its query API answers.
     */
    public static JaegerServer start(Path repoRoot, Path workDir, int maxTraces) {
        Path binary = repoRoot.resolve("tools/bin/jaeger").toAbsolutePath();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: ./geodig build (or ./geodig test) builds it from tools/go.mod");
        }
        int queryPort = LoopbackPorts.free();
        int otlpHttpPort = LoopbackPorts.free();
        Map<String, String> environment = Map.of(
                "GEODIG_OTLP_GRPC_ENDPOINT", LoopbackPorts.LOOPBACK + ":" + LoopbackPorts.free(),
                "GEODIG_OTLP_HTTP_ENDPOINT", LoopbackPorts.LOOPBACK + ":" + otlpHttpPort,
                "GEODIG_QUERY_HTTP_ENDPOINT", LoopbackPorts.LOOPBACK + ":" + queryPort,
                "GEODIG_QUERY_GRPC_ENDPOINT", LoopbackPorts.LOOPBACK + ":" + LoopbackPorts.free(),
                "GEODIG_JAEGER_MAX_TRACES", Integer.toString(maxTraces),
                // The Monitor API's store: required by the configuration, asked only when /api/metrics is read,
                // which these tests do not do; a free port keeps it from reaching anything.
                "GEODIG_PROMETHEUS_URL", "http://" + LoopbackPorts.LOOPBACK + ":" + LoopbackPorts.free());
        ChildProcess process = ChildProcess.start("jaeger-" + queryPort,
                List.of(binary.toString(), "--config", "file:" + repoRoot.resolve("deploy/otel/jaeger.yaml").toAbsolutePath()),
                workDir, environment);
        JaegerServer server = new JaegerServer(process, queryPort, otlpHttpPort);
        process.awaitReady(START_TIMEOUT, server::ready);
        return server;
    }

    private boolean ready() {
        try (LoopbackHttp query = LoopbackHttp.onPort(queryPort)) {
            return query.get("/api/v3/services").statusCode() == 200
                    && otlp.post("/v1/traces", "application/json", "{\"resourceSpans\":[]}").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** The query API's root, {@code http://127.0.0.1:<port>}. */
    public String queryUrl() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + queryPort;
    }

    /** Stores spans: an OTLP/HTTP JSON request body ({@code {"resourceSpans":[...]}}); fails unless Jaeger took it. */
    public void send(String otlpJson) {
        HttpResponse<String> answer = otlp.post("/v1/traces", "application/json", otlpJson);
        if (answer.statusCode() != 200 || answer.body().contains("rejected")) {
            throw new IllegalStateException("Jaeger refused the spans: " + answer.statusCode() + " " + answer.body());
        }
    }

    @Override
    public void close() {
        otlp.close();
        process.close();
    }
}
