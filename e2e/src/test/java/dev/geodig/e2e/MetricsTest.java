package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The metrics path as an operator uses it: spans become span metrics in the central collector, Prometheus
 * scrapes them with the services' own metrics, and both the gateway's fixed queries
 * ({@code /api/v1/metrics/services}, {@code /locations}) and Jaeger's Monitor API answer from Prometheus. A
 * location whose workers are stopped shows as timeouts and a lag; a location whose DNS server is stopped
 * shows as errors of its worker.
 */
@Order(9)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

    /** Span metrics every 5 s, services' metrics every 10 s, scrapes every 5 s, rates over 30 s: a few rounds. */
    static final Duration METRICS_BOUND = Duration.ofSeconds(90);
    /** Lookups sent at once per round: bounded in count, each within the orchestrator's deadline. */
    static final int LOOKUPS = 12;
    private static final List<String> A = List.of("A");

    private GeodigTopology topology;
    private Gateway gateway;

    @BeforeAll
    void connect(GeodigTopology topology) {
        this.topology = topology;
        this.gateway = new Gateway(topology);
    }

    @Test
    @Order(1)
    void everyServiceHasARequestRateFromItsSpans() {
        List<String> services = ServiceNames.all(Gateway.LOCATIONS);
        long since = Instant.now().getEpochSecond();
        lookups(LOOKUPS);
        await("a request rate for " + services).atMost(METRICS_BOUND).pollInterval(Duration.ofSeconds(2))
                .until(() -> metrics("services"), json -> services.stream().allMatch(s -> positive(peak(series(json, s, "request_rate"), since))));
        // A second round: a series' first scrape is no increase, so a duration histogram born with the first
        // round (on a fresh topology) has a rate, hence percentiles, only from the next one.
        lookups(LOOKUPS);
        JsonNode answer = await("latencies for " + services).atMost(METRICS_BOUND).pollInterval(Duration.ofSeconds(2))
                .until(() -> metrics("services"), json -> services.stream().allMatch(s -> peak(series(json, s, "latency_ms", "p50"), since) != null));

        assertThat(answer.path("range").asString()).isEqualTo("5m");
        assertThat(answer.path("services").findValuesAsString("service")).as("in order").startsWith(
                ServiceNames.GATEWAY, ServiceNames.ORCHESTRATOR, ServiceNames.worker(Gateway.LOCATIONS.getFirst()));
        for (String service : services) {
            JsonNode row = row(answer, "services", "service", service);
            assertThat(row.path("request_rate").size()).as(service).isEqualTo(61);
            assertThat(peak(row.path("latency_ms").path("p50"), since)).as("median latency of %s, ms", service).isPositive();
            assertThat(peak(row.path("latency_ms").path("p99"), since)).as(service)
                    .isGreaterThanOrEqualTo(peak(row.path("latency_ms").path("p50"), since));
        }
    }

    @Test
    @Order(2)
    void jaegersMonitorApiAnswersFromPrometheus() {
        String calls = topology.jaegerQueryUrl() + "/api/metrics/calls?service=" + ServiceNames.GATEWAY
                + "&spanKind=server&endTs=" + Instant.now().toEpochMilli() + "&lookback=300000&step=15000&ratePer=60000";
        JsonNode answer = await("Jaeger's Monitor API").atMost(METRICS_BOUND).until(() -> {
            HttpJson.Reply reply = HttpJson.get(calls);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json();
        }, json -> json.path("metrics").size() > 0);

        JsonNode metric = answer.path("metrics").get(0);
        assertThat(metric.path("labels").get(0).path("value").asString()).isEqualTo(ServiceNames.GATEWAY);
        List<Double> rates = new ArrayList<>();
        metric.path("metricPoints").forEach(point -> rates.add(point.path("gaugeValue").path("doubleValue").asDouble()));
        assertThat(rates).as("calls per minute of %s", ServiceNames.GATEWAY).anyMatch(rate -> rate > 0);
    }

    @Test
    @Order(3)
    void aLocationWithoutWorkersTimesOutAndFallsBehindAndTheOthersErrWithoutTheResolver() {
        String workerless = Gateway.LOCATIONS.getLast();
        String serverless = Gateway.LOCATIONS.getFirst();
        String[] workers = topology.processes().workerInstances(workerless).toArray(String[]::new);
        // Every location's worker asks the one demo resolver: without it, each location that has workers errs.
        String dnsServer = TopologyProcesses.DNS_RESOLVER;
        topology.processes().stop(workers);
        topology.processes().stop(dnsServer);
        // Only points from now on count: Prometheus keeps what it had before (another run's, too).
        long since = Instant.now().getEpochSecond();
        try {
            lookups(LOOKUPS);
            JsonNode locations = await(workerless + " timing out and behind").atMost(METRICS_BOUND).pollInterval(Duration.ofSeconds(2))
                    .until(() -> metrics("locations"), json -> positive(peak(series(json, workerless, "timed_out_rate"), since))
                            && positive(peak(series(json, workerless, "stream_lag"), since)));
            for (String location : Gateway.LOCATIONS) {
                JsonNode row = row(locations, "locations", "location", location);
                assertThat(peak(row.path("stream_lag"), since)).as("lag of %s", location).isNotNull();
                assertThat(peak(row.path("pending"), since)).as("pending of %s", location).isNotNull();
            }
            // A location whose workers run answers in time, if only that its DNS did not.
            String alone = Gateway.LOCATIONS.get(1);
            assertThat(peak(series(locations, alone, "answered_rate"), since)).as("%s, left alone, answers", alone).isPositive();
            assertThat(peak(series(locations, alone, "timed_out_rate"), since)).as("%s, left alone, times out", alone).isZero();

            // The span metrics have no error series of the worker until its first failed task, and a series'
            // first scrape is no increase: once Prometheus has it, a second round shows as errors.
            String worker = ServiceNames.worker(serverless);
            PrometheusQueries prometheus = new PrometheusQueries(topology);
            await(worker + "'s error series in Prometheus").atMost(METRICS_BOUND).pollInterval(Duration.ofSeconds(2))
                    .until(() -> !prometheus.result("traces_span_metrics_calls_total{service_name=\"" + worker
                            + "\",status_code=\"STATUS_CODE_ERROR\"}").isEmpty());
            lookups(LOOKUPS);
            String aloneWorker = ServiceNames.worker(alone);
            await(worker + " and " + aloneWorker + " in error").atMost(METRICS_BOUND).pollInterval(Duration.ofSeconds(2))
                    .until(() -> metrics("services"), json -> positive(peak(series(json, worker, "error_percent"), since))
                            && positive(peak(series(json, aloneWorker, "error_percent"), since)));
        } finally {
            topology.processes().start(dnsServer);
            topology.processes().start(workers);
        }
        await("every location answers again").atMost(DrillTest.HEAL_BOUND).until(() -> {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A));
            return reply.status() == 200 && "success".equals(reply.json().path("status").asString());
        });
    }

    private static boolean positive(Double value) {
        return value != null && value > 0;
    }

    /** {@code count} lookups of every location at once, each answered (partially, when a location is down). */
    private void lookups(int count) {
        List<CompletableFuture<HttpJson.Reply>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(gateway.lookupAsync(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, A)));
        }
        sent.forEach(reply -> assertThat(HttpJson.await(reply).status()).isEqualTo(200));
    }

    /** The gateway's metrics of the last five minutes (its reads of Prometheus make no trace; this request does). */
    private JsonNode metrics(String kind) {
        HttpJson.Reply reply = HttpJson.get(topology.gatewayUrl() + "/api/v1/metrics/" + kind + "?range=5m");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode row(JsonNode answer, String list, String key, String name) {
        for (JsonNode row : answer.path(list)) {
            if (name.equals(row.path(key).asString())) {
                return row;
            }
        }
        throw new AssertionError("no " + name + " in " + answer.path(list).findValuesAsString(key));
    }

    /** A row's series ({@code request_rate}, or {@code latency_ms, p50}); an empty one when the row is not there. */
    private static JsonNode series(JsonNode answer, String name, String... path) {
        String list = answer.has("services") ? "services" : "locations";
        String key = list.equals("services") ? "service" : "location";
        for (JsonNode row : answer.path(list)) {
            if (name.equals(row.path(key).asString())) {
                JsonNode series = row;
                for (String step : path) {
                    series = series.path(step);
                }
                return series;
            }
        }
        return HttpJson.JSON.createArrayNode();
    }

    /** The largest value of a series at or after {@code since} (epoch seconds), {@code null} when it has none there. */
    private static Double peak(JsonNode series, long since) {
        Double peak = null;
        for (JsonNode point : series) {
            if (point.get(0).asLong() >= since && !point.get(1).isNull()) {
                double value = point.get(1).asDouble();
                peak = peak == null ? value : Math.max(peak, value);
            }
        }
        return peak;
    }
}
