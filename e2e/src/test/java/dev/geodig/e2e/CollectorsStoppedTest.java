package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Telemetry is never on a request's critical path: with every collector and Jaeger gone, lookups still
 * answer correctly within the client's timeout. Destructive, so it runs last.
 */
@Order(11)
@ExtendWith(RunningTopology.class)
class CollectorsStoppedTest {

    @Test
    void lookupsAnswerWithTheTelemetryPipelineDown(GeodigTopology topology) {
        List<Long> pids = TopologyProcesses.TELEMETRY.stream().map(topology.processes()::pid).toList();
        // Through the supervisor: a process stopped on purpose stays stopped (one that dies is restarted).
        topology.processes().stop(TopologyProcesses.TELEMETRY.toArray(String[]::new));
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid)).as("pid %d stopped", pid).isEmpty();
        }

        Gateway gateway = new Gateway(topology);
        DemoZones zones = new DemoZones(topology);
        // Several requests: the agents' export queues fill and their exports fail while these run.
        for (int i = 0; i < 3; i++) {
            HttpJson.Reply reply = gateway.lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A", "AAAA")));
            assertThat(reply.status()).as("lookup %d without collectors: %s", i, reply.body()).isEqualTo(200);
            JsonNode report = reply.json();
            assertThat(report.path("status").asString()).as("lookup %d: %s", i, reply.body()).isEqualTo("success");
            assertThat(report.path("results").propertyNames()).containsExactlyInAnyOrderElementsOf(Gateway.LOCATIONS);
            for (String location : Gateway.LOCATIONS) {
                assertThat(DemoLookupTest.answerValues(report.path("results").path(location).path("records").path("A")))
                        .as("%s A answers", location).isEqualTo(zones.rdata(location, "www", "A"));
            }
        }
    }
}
