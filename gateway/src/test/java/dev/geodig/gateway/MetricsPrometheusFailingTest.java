package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.PrometheusServer;
import dev.geodig.testkit.ScratchDirectory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Prometheus that fails the query (a real one, allowed to load one sample per query: once it has scraped
 * data, every range query is refused with 422) is a 502 problem, never a 500 and never an empty answer
 * passed off as "no data".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsPrometheusFailingTest {

    private static final Duration FAILING_BOUND = Duration.ofSeconds(60);

    private static ScratchDirectory scratch;
    private static SpanMetricsExposition exposition;
    private static PrometheusServer prometheus;

    @DynamicPropertySource
    static void stingyPrometheus(DynamicPropertyRegistry registry) {
        scratch = ScratchDirectory.create("metrics-failing");
        exposition = new SpanMetricsExposition();
        prometheus = PrometheusServer.start(scratch.path(), exposition.target(), "--query.max-samples=1");
        registry.add("geodig.gateway.prometheus-url", prometheus::url);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @AfterAll
    static void stop() {
        prometheus.close();
        exposition.close();
        scratch.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aFailedQueryIsA502() {
        GatewayClient gateway = new GatewayClient(port);
        // Before the first scrape there is nothing to load, and the query succeeds with no data.
        Answer failed = await("a refused query").atMost(FAILING_BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
            Answer answer = gateway.get("/api/v1/metrics/services?range=5m");
            assertThat(answer.status()).as(answer.response().body()).isIn(200, 502);
            return answer;
        }, answer -> answer.status() == 502);

        assertProblem(failed, 502);
        assertThat(failed.json().path("detail").asString()).contains("Prometheus answered 422");
        assertProblem(gateway.get("/api/v1/metrics/locations?range=5m"), 502);
    }
}
