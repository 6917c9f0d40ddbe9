package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
    void noTraceAppearsWhileTheSystemIsIdle(GeodigTopology topology) throws InterruptedException {
        Jaeger jaeger = new Jaeger(topology);
        // Let the last request's trailing work (a worker acknowledges its task after the answer went
        // out) start before the idle window does.
        Thread.sleep(SETTLE);
        long idleStartMicros = System.currentTimeMillis() * 1000;

        Thread.sleep(IDLE.plus(ARRIVAL_BOUND));

        assertThat(jaeger.renderedTracesSince(TraceInJaegerTest.SERVICES, idleStartMicros))
                .as("traces started during the idle minute").isEmpty();

        // The same query does find a trace once there is a request: the check above can fail.
        HttpJson.Reply reply = new Gateway(topology)
                .lookup(Gateway.body(DemoLookupTest.DEMO_NAME, Gateway.LOCATIONS, List.of("A")));
        assertThat(reply.status()).as("lookup: %s", reply.body()).isEqualTo(200);
        String traceId = reply.json().path("trace_id").asString();
        // Any service of the request will do: the first location's worker.
        String worker = ServiceNames.worker(Gateway.LOCATIONS.getFirst());
        await("the search finds the request sent after the idle minute").atMost(TraceInJaegerTest.ARRIVAL_BOUND)
                .untilAsserted(() -> assertThat(jaeger.tracesSince(worker, idleStartMicros))
                        .extracting(JaegerTrace::traceId).containsExactly(traceId));
    }
}
