package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Log lines written during a request carry its trace and span id; the services' metrics reach
 * Prometheus through the collectors.
 */
@Order(4)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsAndMetricsTest {

    /** Metrics are exported every 10 s and scraped every 5 s; a few rounds through sidecar, central and Prometheus. */
    static final Duration METRICS_BOUND = Duration.ofSeconds(45);
    static final Duration LOG_BOUND = Duration.ofSeconds(15);

    private GeodigTopology topology;
    private String traceId;
    private String rejectedTraceId;

    @BeforeAll
    void sendARequestAndABadOne(GeodigTopology topology) {
        this.topology = topology;
        Gateway gateway = new Gateway(topology);
        HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")));
        assertThat(reply.status()).as("lookup: %s", reply.body()).isEqualTo(200);
        traceId = reply.json().path("trace_id").asString();
        // A rejected lookup is logged too, under its own trace.
        HttpJson.Reply rejected = gateway.lookup(Gateway.body("bad..name.geodig.test", Gateway.LOCATIONS, List.of("A")));
        assertThat(rejected.status()).as("bad lookup: %s", rejected.body()).isEqualTo(400);
        rejectedTraceId = rejected.json().path("trace_id").asString();
        assertThat(rejectedTraceId).as("trace_id of the problem document %s", rejected.body()).matches("[0-9a-f]{32}");
    }

    /** Every service of the shared topology, a worker per location among them. */
    static List<String> services() {
        return ServiceNames.all(Gateway.LOCATIONS);
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceLogLinesOfTheLookupCarryTraceAndSpanId(String service) {
        assertCorrelatedLine(service, traceId);
    }

    @Test
    void gatewayLogLineOfARejectedLookupCarriesTraceAndSpanId() {
        assertCorrelatedLine(ServiceNames.GATEWAY, rejectedTraceId);
    }

    private void assertCorrelatedLine(String service, String traceId) {
        Pattern correlated = Pattern.compile("\\[" + traceId + ",[0-9a-f]{16}]");
        // A location's task is handled by one of its worker instances: any of their logs will do.
        List<Path> logs = topology.logs().ofService(service);
        await().atMost(LOG_BOUND).untilAsserted(() -> assertThat(logs.stream().flatMap(log -> TopologyLogs.lines(log).stream()))
                .as("a line of %s with [%s,<span id>]; last lines:\n%s", logs, traceId,
                        logs.stream().map(log -> String.join("\n", TopologyLogs.tail(log, 20))).toList())
                .anyMatch(l -> correlated.matcher(l).find()));
    }

    /**
     * The services' own OTLP metrics go sidecar, central collector, its Prometheus endpoint, Prometheus: each
     * service's there under its own {@code job} (its service.name), with the path the metrics took.
     */
    @Test
    void servicesMetricsReachPrometheus() {
        PrometheusQueries prometheus = new PrometheusQueries(topology);
        Map<String, String> expected = new TreeMap<>();
        // the agent's HTTP server metrics
        expected.put(ServiceNames.GATEWAY, "http_server_request_duration_seconds_count");
        expected.put(ServiceNames.ORCHESTRATOR, "http_server_request_duration_seconds_count");
        // the workers' own lookup metric, per location and record type
        ServiceNames.workers(Gateway.LOCATIONS).forEach(worker -> expected.put(worker, "dns_lookup_duration_seconds_count"));
        await().atMost(METRICS_BOUND).untilAsserted(() -> expected.forEach((service, metric) -> {
            List<JsonNode> series = prometheus.result(metric + "{job=\"" + service + "\"}");
            assertThat(series).as("%s of %s in Prometheus", metric, service).isNotEmpty();
            assertThat(series.getFirst().path("metric").path("geodig_collector_central").asString())
                    .as("the central collector's mark on %s", series.getFirst()).isEqualTo("central");
        }));
        // The gateway's and the orchestrator's went through their sidecars.
        for (String service : List.of(ServiceNames.GATEWAY, ServiceNames.ORCHESTRATOR)) {
            assertThat(prometheus.result("http_server_request_duration_seconds_count{job=\"" + service + "\"}").getFirst()
                    .path("metric").path("geodig_collector_sidecar").asString()).as(service).endsWith("-sidecar");
        }
    }
}
