package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Telemetry is never on a request's critical path: with every collector and Jaeger gone, lookups still
 * answer correctly within the client's timeout. Destructive, so it runs last.
 */
@Order(8)
@ExtendWith(RunningTopology.class)
class CollectorsStoppedTest {

    @Test
    void lookupsAnswerWithTheTelemetryPipelineDown(GeodigTopology topology) {
        for (String name : GeodigTopology.TELEMETRY_PROCESSES) {
            long pid = topology.recordedPid(name)
                    .orElseThrow(() -> new AssertionError("no pid file for " + name + " under " + topology.stateDir()));
            assertThat(topology.isTheScriptsProcess(name, pid))
                    .as("pid %d of %s is the process ./geodig started (not a recycled pid)", pid, name).isTrue();
            stop(name, pid);
        }

        Gateway gateway = new Gateway(topology);
        DemoZones zones = new DemoZones(topology);
        // Several requests: the agents' export queues fill and their exports fail while these run.
        for (int i = 0; i < 3; i++) {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(SeedLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")));
            assertThat(reply.status()).as("lookup %d without collectors: %s", i, reply.body()).isEqualTo(200);
            JsonNode report = reply.json();
            assertThat(report.path("status").asString()).as("lookup %d: %s", i, reply.body()).isEqualTo("success");
            assertThat(report.path("results").propertyNames()).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
            for (String location : Gateway.LOCATIONS) {
                assertThat(SeedLookupTest.answerValues(report.path("results").path(location).path("records").path("A")))
                        .as("%s A answers", location).isEqualTo(zones.rdata(location, "www", "A"));
            }
        }
    }

    private static void stop(String name, long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        assertThat(process).as("%s (pid %d) is running before it is stopped", name, pid).isPresent();
        ProcessHandle handle = process.get();
        handle.destroy();
        try {
            handle.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            handle.destroyForcibly();
            BoundedPoll.until(Duration.ofSeconds(5), () -> handle.isAlive() ? Optional.empty() : Optional.of(true));
        }
        assertThat(handle.isAlive()).as("%s (pid %d) stopped", name, pid).isFalse();
    }
}
