package dev.geodig.gateway.servicemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.servicemap.ServiceMap.Edge;
import dev.geodig.gateway.servicemap.ServiceMap.EdgeKind;
import dev.geodig.gateway.servicemap.ServiceMap.Node;
import dev.geodig.gateway.servicemap.ServiceMap.NodeKind;
import dev.geodig.gateway.traces.JaegerReader;
import dev.geodig.gateway.traces.JaegerTraces;
import dev.geodig.gateway.traces.LookupTrace;
import dev.geodig.gateway.traces.TimeRange;
import dev.geodig.testkit.JaegerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service map counted from Jaeger's real answer: lookups stored in a real Jaeger (four whole, two a worker
 * never answered, one whose DNS server failed, one that never reached the orchestrator), read back through its
 * API v3 as the gateway reads them, every hop counted as many times as the lookups made it.
 */
class HopCounterTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(100);

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TimeRange RANGE = new TimeRange(T0.minusSeconds(60), T0, null);
    private static final int WHOLE = 4;
    private static final int PARTIAL = 2;

    private static JaegerTraces traces;

    @BeforeAll
    static void storeTheLookups() {
        traces = JaegerReader.of(jaeger.queryUrl(), jaeger.maxTraces());
        List<LookupTrace> lookups = new ArrayList<>();
        for (int i = 0; i < WHOLE; i++) {
            lookups.add(LookupTrace.of("whole-" + i + ".geodig.test").startingAt(T0.minusSeconds(50 - i)));
        }
        for (int i = 0; i < PARTIAL; i++) {
            lookups.add(LookupTrace.of("partial-" + i + ".geodig.test").startingAt(T0.minusSeconds(40 - i))
                    .answeredBy("us-east-1", "eu-west-1"));
        }
        lookups.add(LookupTrace.of("failed.geodig.test").startingAt(T0.minusSeconds(30)).failingAt("asia-south-1"));
        lookups.add(LookupTrace.of("unreached.geodig.test").startingAt(T0.minusSeconds(20)).orchestratorUnreachable());
        lookups.forEach(lookup -> jaeger.send(lookup.otlpJson()));
        await("Jaeger stores the eight traces").atMost(Duration.ofSeconds(10)).until(() -> count(100).traces() == 8);
    }

    private static ServiceMap count(int limit) {
        int depth = Math.min(limit + 1, jaeger.maxTraces());
        HopCounter hops = new HopCounter(limit);
        traces.search(new JaegerTraces.Search(null, null, RANGE, depth), hops::add);
        return hops.map(depth, RANGE);
    }

    @Test
    void everyHopIsCountedAsOftenAsTheLookupsMadeIt() {
        ServiceMap map = count(100);
        int reached = WHOLE + PARTIAL + 1;

        assertThat(map.edges()).containsExactly(
                new Edge("dns-gateway", "dns-orchestrator", EdgeKind.HTTP, reached),
                new Edge("dns-orchestrator", "dns:tasks", EdgeKind.PUBLISH, reached),
                new Edge("dns-worker-asia-south-1", "dns:results", EdgeKind.PUBLISH, WHOLE + 1),
                new Edge("dns-worker-eu-west-1", "dns:results", EdgeKind.PUBLISH, reached),
                new Edge("dns-worker-us-east-1", "dns:results", EdgeKind.PUBLISH, reached),
                new Edge("dns:results", "dns-orchestrator", EdgeKind.CONSUME, 3L * reached - PARTIAL),
                new Edge("dns:tasks", "dns-worker-asia-south-1", EdgeKind.CONSUME, WHOLE + 1),
                new Edge("dns:tasks", "dns-worker-eu-west-1", EdgeKind.CONSUME, reached),
                new Edge("dns:tasks", "dns-worker-us-east-1", EdgeKind.CONSUME, reached));
        assertThat(map.nodes()).containsExactly(
                new Node("dns-gateway", NodeKind.SERVICE), new Node("dns-orchestrator", NodeKind.SERVICE),
                new Node("dns-worker-asia-south-1", NodeKind.SERVICE), new Node("dns-worker-eu-west-1", NodeKind.SERVICE),
                new Node("dns-worker-us-east-1", NodeKind.SERVICE),
                new Node("dns:results", NodeKind.STREAM), new Node("dns:tasks", NodeKind.STREAM));
        assertThat(map.traces()).isEqualTo(8);
        assertThat(map.complete()).isTrue();
        assertThat(map.source()).isEqualTo("traces");
        assertThat(map.start()).isEqualTo(RANGE.start().toString());
    }

    @Test
    void aMapOfFewerTracesThanTheRangeHoldsSaysSo() {
        ServiceMap map = count(3);

        assertThat(map.traces()).isEqualTo(3);
        assertThat(map.limit()).isEqualTo(3);
        assertThat(map.complete()).isFalse();
        long calls = map.edges().stream().filter(edge -> edge.kind() == EdgeKind.HTTP).mapToLong(Edge::calls).sum();
        assertThat(calls).as("no more than one HTTP call per trace read").isLessThanOrEqualTo(3);
        assertThat(count(8).complete()).isTrue();
    }

    @Test
    void aRangeWithoutTracesIsAnEmptyCompleteMap() {
        TimeRange before = new TimeRange(T0.minusSeconds(3600), T0.minusSeconds(3000), null);
        HopCounter hops = new HopCounter(10);
        traces.search(new JaegerTraces.Search(null, null, before, 11), hops::add);
        ServiceMap map = hops.map(11, before);

        assertThat(map.nodes()).isEmpty();
        assertThat(map.edges()).isEmpty();
        assertThat(map.traces()).isZero();
        assertThat(map.complete()).isTrue();
    }
}
