package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jaeger holds traces of requests, not of idle polling: the workers and the orchestrator block on
 * stream reads in a loop, and none of those reads may become a root trace.
 */
@Order(5)
@ExtendWith(RunningTopology.class)
class IdleSystemTest {

    static final Duration IDLE = Duration.ofSeconds(60);
    static final Duration SETTLE = Duration.ofSeconds(3);
    /** After the idle minute, how long anything started in it may still take to reach Jaeger. */
    static final Duration ARRIVAL_BOUND = Duration.ofSeconds(15);

    @Test
    void noTraceAppearsWhileTheSystemIsIdle(GeodigTopology topology) {
        Jaeger jaeger = new Jaeger(topology);
        // Let the last request's trailing work (a worker acknowledges its task after the answer went
        // out) start before the idle window does.
        BoundedPoll.sleep(SETTLE);
        long idleStartMicros = System.currentTimeMillis() * 1000;

        BoundedPoll.sleep(IDLE.plus(ARRIVAL_BOUND));

        assertThat(jaeger.renderedTracesSince(SeedTraceTest.SERVICES, idleStartMicros))
                .as("traces started during the idle minute").isEmpty();

        // The same query does find a trace once there is a request: the check above can fail.
        HttpJson.Reply reply = new Gateway(topology)
                .lookup(Gateway.body(SeedLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
        assertThat(reply.status()).as("lookup: %s", reply.body()).isEqualTo(200);
        String traceId = reply.json().path("trace_id").asString();
        List<String> found = BoundedPoll.until(SeedTraceTest.ARRIVAL_BOUND, () -> {
            List<String> ids = jaeger.tracesSince("dns-worker-eu-west-1", idleStartMicros).stream()
                    .map(JaegerTrace::traceId).toList();
            return ids.contains(traceId) ? java.util.Optional.of(ids) : java.util.Optional.empty();
        }).orElse(List.of());
        assertThat(found).as("the search finds the request sent after the idle minute").containsExactly(traceId);
    }
}
