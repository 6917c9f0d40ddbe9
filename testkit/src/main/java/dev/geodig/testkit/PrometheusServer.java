package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus ({@code prometheus} from Debian, which {@code ./geodig test} installs) on a free loopback
 * port, with its storage in a directory of the test's, scraping one loopback target every second (or
 * nothing). Close it to stop it.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final int port;
    private final ChildProcess process;

    private PrometheusServer(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Prometheus and waits until it is ready.
     *
     * @param target {@code host:port} whose {@code /metrics} it scrapes every {@link #SCRAPE_INTERVAL}, keeping
     *     the target's own {@code job} and {@code instance} labels (as geodig's does); {@code null} for none
     * @param flags more command-line flags, e.g. {@code --query.max-samples=1}
     */
    public static PrometheusServer start(Path workDir, String target, String... flags) {
        int port = LoopbackPorts.free();
        Path config = workDir.resolve("prometheus.yml");
        String scrape = target == null ? "scrape_configs: []\n" : """
                scrape_configs:
                  - job_name: target
                    honor_labels: true
                    static_configs:
                      - targets: ['%s']
                """.formatted(target);
        try {
            Files.createDirectories(workDir);
            Files.writeString(config, """
                    global:
                      scrape_interval: %ds
                      scrape_timeout: %ds
                    """.formatted(SCRAPE_INTERVAL.toSeconds(), SCRAPE_INTERVAL.toSeconds()) + scrape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("prometheus", "--config.file=" + config,
                "--web.listen-address=" + LoopbackPorts.LOOPBACK + ":" + port,
                "--storage.tsdb.path=" + workDir.resolve("data"), "--storage.tsdb.retention.time=1h"));
        command.addAll(List.of(flags));
        ChildProcess process = ChildProcess.start("prometheus-" + port, command, workDir);
        PrometheusServer server = new PrometheusServer(port, process);
        process.awaitReady(START_TIMEOUT, server::ready);
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + port;
    }

    private boolean ready() {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
