package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static dev.geodig.gateway.Problems.reasonsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.GatewayClient.Answer;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.PrometheusServer;
import dev.geodig.testkit.ScratchDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/metrics/services} and {@code /locations} against a real Prometheus (Debian's), which
 * scrapes a {@link SpanMetricsExposition} every second: the gateway's fixed queries must give back exactly
 * the rates, error shares, percentiles, lag and pending entries that exposition is built to have, in the
 * API's shapes, and refuse every parameter but a known {@code range}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "geodig.locations=us-east-1,eu-west-1,asia-south-1",
})
class MetricsEndpointTest {

    /**
     * Prometheus starts and scrapes every second; a rate is the exact slope only once its whole 30 s window
     * is covered by scrapes (before that, Prometheus extrapolates a partial window only so far).
     */
    private static final Duration DATA_BOUND = Duration.ofSeconds(90);
    /** A point this many steps (5 s each) before the last has a rate: the last one's window was all scraped. */
    private static final int COVERED_STEPS_BACK = 7;
    private static final Offset<Double> RATE = within(0.05);

    private static ScratchDirectory scratch;
    private static SpanMetricsExposition exposition;
    private static PrometheusServer prometheus;

    @DynamicPropertySource
    static void realPrometheus(DynamicPropertyRegistry registry) {
        scratch = ScratchDirectory.create("metrics-endpoint");
        exposition = new SpanMetricsExposition();
        prometheus = PrometheusServer.start(scratch.path(), exposition.target());
        registry.add("geodig.gateway.prometheus-url", prometheus::url);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
        exposition.close();
        scratch.close();
    }

    @LocalServerPort
    int port;

    private GatewayClient gateway;

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
    }

    @Test
    void servicesAreTheOnesWithRequestsInTheirOrderWithRatesErrorsAndLatencies() {
        JsonNode answer = awaitCovered("/api/v1/metrics/services?range=5m",
                json -> json.path("services").size() == 2 && covered(json.path("services").get(1).path("request_rate")));

        assertThat(answer.path("range").asString()).isEqualTo("5m");
        assertThat(answer.path("step_seconds").asLong()).isEqualTo(5);
        JsonNode gatewayService = answer.path("services").get(0);
        JsonNode worker = answer.path("services").get(1);
        // dns-sidekick has CLIENT spans only: no requests, not listed.
        assertThat(answer.path("services").findValuesAsString("service")).containsExactly("dns-gateway", "dns-worker-us-east-1");

        // SERVER spans only: the gateway's 1000 CLIENT spans/s are not requests.
        assertThat(latest(gatewayService.path("request_rate"))).isCloseTo(40.0, RATE);
        assertThat(latest(gatewayService.path("error_percent"))).isCloseTo(25.0, within(0.01));
        // Every span between 5 and 10 ms: histogram_quantile interpolates within that bucket.
        assertThat(latest(gatewayService.path("latency_ms").path("p50"))).isCloseTo(7.5, within(0.01));
        assertThat(latest(gatewayService.path("latency_ms").path("p95"))).isCloseTo(9.75, within(0.01));
        assertThat(latest(gatewayService.path("latency_ms").path("p99"))).isCloseTo(9.95, within(0.01));

        // process_dns_task only: the worker's 500 lookup spans/s are not requests; no error series is 0 %, not nothing.
        assertThat(latest(worker.path("request_rate"))).isCloseTo(20.0, RATE);
        assertThat(latest(worker.path("error_percent"))).isZero();
        assertThat(latest(worker.path("latency_ms").path("p50"))).isCloseTo(35.0, within(0.01));
    }

    @Test
    void everyConfiguredLocationIsListedWithItsBacklogAndItsAnswersAndTimeouts() {
        JsonNode answer = awaitCovered("/api/v1/metrics/locations?range=5m",
                json -> covered(json.path("locations").get(0).path("timed_out_rate")));

        assertThat(answer.path("locations").findValuesAsString("location")).containsExactly("us-east-1", "eu-west-1", "asia-south-1");
        JsonNode usEast = answer.path("locations").get(0);
        assertThat(latest(usEast.path("stream_lag"))).isEqualTo(7.0);
        assertThat(latest(usEast.path("pending"))).isEqualTo(3.0);
        assertThat(latest(usEast.path("answered_rate"))).isCloseTo(4.0, RATE);
        assertThat(latest(usEast.path("timed_out_rate"))).isCloseTo(1.0, RATE);
        JsonNode euWest = answer.path("locations").get(1);
        assertThat(latest(euWest.path("stream_lag"))).isZero();
        assertThat(latest(euWest.path("answered_rate"))).isCloseTo(5.0, RATE);
        // Results, but never a timeout: a rate of 0, not a gap.
        assertThat(latest(euWest.path("timed_out_rate"))).isZero();
        // A configured location without any data is listed all the same, every point empty.
        JsonNode asiaSouth = answer.path("locations").get(2);
        for (String series : List.of("stream_lag", "pending", "answered_rate", "timed_out_rate")) {
            assertThat(values(asiaSouth.path(series))).as(series).hasSize(61).containsOnlyNulls();
        }
    }

    @ParameterizedTest(name = "{0}: step {1} s")
    @CsvSource({"5m, 5", "15m, 15", "1h, 60", "6h, 360"})
    void eachRangeHasSixtyOneEvenlySpacedPointsEndingAtTheLatestWholeStep(String range, long step) {
        long before = Instant.now().getEpochSecond();
        Answer answer = gateway.get("/api/v1/metrics/locations?range=" + range);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("range").asString()).isEqualTo(range);
        assertThat(answer.json().path("step_seconds").asLong()).isEqualTo(step);
        JsonNode points = answer.json().path("locations").get(0).path("stream_lag");
        assertThat(points.size()).isEqualTo(61);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).get(0).asLong() - points.get(i - 1).get(0).asLong()).isEqualTo(step);
        }
        long end = points.get(60).get(0).asLong();
        assertThat(end % step).isZero();
        assertThat(end).isBetween(before - step, Instant.now().getEpochSecond());
    }

    @Test
    void withoutARangeTheLastFifteenMinutes() {
        Answer answer = gateway.get("/api/v1/metrics/services");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("range").asString()).isEqualTo("15m");
        assertThat(answer.json().path("step_seconds").asLong()).isEqualTo(15);
    }

    @ParameterizedTest(name = "range={0}")
    @ValueSource(strings = {"", "2m", "15M", "900s", "1d", "15m%20", "%3Bdrop", "1h)%20or%20vector(1"})
    void aRangeOtherThanTheFourIsA400NamingIt(String range) {
        for (String endpoint : List.of("services", "locations")) {
            Answer answer = gateway.get("/api/v1/metrics/" + endpoint + "?range=" + range);

            assertProblem(answer, 400);
            assertThat(reasonsFor(answer, "range")).as(endpoint).singleElement().asString().contains("5m, 15m, 1h, 6h");
        }
    }

    @Test
    void aRangeGivenTwiceIsA400NamingIt() {
        Answer answer = gateway.get("/api/v1/metrics/services?range=5m&range=6h");

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, "range")).singleElement().asString().contains("once");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"query=up", "step=1", "Range=5m", "range=5m&start=0"})
    void anyOtherParameterIsA400NamingIt(String parameters) {
        Answer answer = gateway.get("/api/v1/metrics/services?" + parameters);
        String named = parameters.contains("&") ? "start" : parameters.substring(0, parameters.indexOf('='));

        assertProblem(answer, 400);
        assertThat(reasonsFor(answer, named)).singleElement().asString().contains("takes only range");
    }

    private JsonNode awaitCovered(String path, Predicate<JsonNode> ready) {
        return await(path + " with data").atMost(DATA_BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
            Answer answer = gateway.get(path);
            assertThat(answer.status()).as("%s: %s", path, answer.response().body()).isEqualTo(200);
            return answer.json();
        }, ready::test);
    }

    private static boolean covered(JsonNode series) {
        return series.size() > COVERED_STEPS_BACK && !series.get(series.size() - 1 - COVERED_STEPS_BACK).get(1).isNull();
    }

    /** The last point's value of a series, {@code null} when it has none. */
    private static Double latest(JsonNode series) {
        JsonNode last = series.get(series.size() - 1);
        return last == null || last.get(1).isNull() ? null : last.get(1).asDouble();
    }

    private static List<Double> values(JsonNode series) {
        List<Double> values = new ArrayList<>();
        series.forEach(point -> values.add(point.get(1).isNull() ? null : point.get(1).asDouble()));
        return values;
    }
}
