package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Before the first request, Jaeger holds no trace at all. Starting up connects to Redis (a handshake
 * the agent would trace), polls the streams, and `./geodig up` probes readiness and warms the
 * services up with lookups of its own: none of it may show up among the user's traces.
 */
@Order(0)
@ExtendWith(RunningTopology.class)
class QuietStartupTest {

    @Test
    void jaegerHoldsNoTraceBeforeTheFirstRequest(GeodigTopology topology) {
        Jaeger jaeger = new Jaeger(topology);
        // Whatever start-up produced has had time to arrive: the batch delay is 500 ms and `up` only
        // returned after the readiness checks and the warm-up lookups.
        BoundedPoll.sleep(IdleSystemTest.SETTLE);
        long anHourAgo = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) * 1000;
        Map<String, List<String>> traces = new TreeMap<>();
        for (String service : SeedTraceTest.SERVICES) {
            List<JaegerTrace> found = jaeger.tracesSince(service, anHourAgo);
            if (!found.isEmpty()) {
                traces.put(service, found.stream().map(JaegerTrace::render).collect(Collectors.toList()));
            }
        }
        assertThat(traces).as("traces in Jaeger before any request").isEmpty();
    }
}
