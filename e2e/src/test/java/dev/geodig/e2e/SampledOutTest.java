package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The sampling knob for production (docs/configuration.md): the agent's standard
 * {@code OTEL_TRACES_SAMPLER=parentbased_traceidratio} with {@code OTEL_TRACES_SAMPLER_ARG} set by the user.
 * At ratio 0 no lookup is exported, yet every lookup still answers, with its trace id as the correlation id,
 * and the services' log lines still carry it: sampling decides what reaches Jaeger, not how a lookup runs.
 *
 * <p>A topology of its own (one location, so it starts quickly); it runs first and stops before the next one
 * starts.
 */
@Order(-2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampledOutTest {

    private static final String LOCATION = "us-east-1";
    /** Longer than a span takes to reach Jaeger (the agent's 500 ms batch, then the collectors' 200 ms each). */
    private static final Duration EXPORT_BOUND = Duration.ofSeconds(6);

    @AutoClose
    private GeodigTopology topology;

    @BeforeAll
    void startWithEveryLookupSampledOut() throws IOException {
        Path repoRoot = GeodigTopology.configuredRepoRoot();
        // The repository's file without the other locations' lines.
        String oneLocation = Files.readAllLines(repoRoot.resolve(TopologyFile.IN_REPOSITORY), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("location.") || line.startsWith("location." + LOCATION + "."))
                .collect(Collectors.joining("\n", "", "\n"));
        Path file = repoRoot.resolve("e2e/target/one-location.env");
        Files.writeString(file, oneLocation);
        TopologyFile topologyFile = TopologyFile.read(file);
        assertThat(topologyFile.locationNames()).containsExactly(LOCATION);

        topology = GeodigTopology.variant("sampled-out", topologyFile, Map.of("OTEL_TRACES_SAMPLER", "parentbased_traceidratio", "OTEL_TRACES_SAMPLER_ARG", "0"));
        topology.start();
    }

    @Test
    void aSampledOutLookupAnswersWithItsTraceIdWhichLogsCarryAndJaegerNeverReceives() {
        long startMicros = System.currentTimeMillis() * 1000;
        HttpJson.Reply reply = new Gateway(topology).lookup(Gateway.body(DemoLookupTest.DEMO_NAME, List.of(LOCATION), List.of("A")));

        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.path("status").asString()).as("overall status in %s", reply.body()).isEqualTo("success");
        String traceId = report.path("trace_id").asString();
        assertThat(traceId).as("trace_id in %s", reply.body()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        for (String service : List.of(ServiceNames.GATEWAY, ServiceNames.worker(LOCATION))) {
            assertThat(topology.logs().ofService(service).stream().flatMap(log -> TopologyLogs.lines(log).stream()))
                    .as("%s's log lines", service).anyMatch(line -> line.contains("[" + traceId + ","));
        }

        Jaeger jaeger = new Jaeger(topology);
        await().during(EXPORT_BOUND).atMost(EXPORT_BOUND.plusSeconds(5)).until(() -> jaeger.traces(traceId).isEmpty());
        assertThat(jaeger.renderedTracesSince(List.of(ServiceNames.GATEWAY, ServiceNames.ORCHESTRATOR,
                ServiceNames.worker(LOCATION)), startMicros)).as("traces in Jaeger").isEmpty();
    }
}
