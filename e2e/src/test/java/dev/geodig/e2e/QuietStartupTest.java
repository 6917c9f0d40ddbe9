package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
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
    void jaegerHoldsNoTraceBeforeTheFirstRequest(GeodigTopology topology) throws InterruptedException {
        Jaeger jaeger = new Jaeger(topology);
        // Whatever start-up produced has had time to arrive: the batch delay is 500 ms and `up` only
        // returned after the readiness checks and the warm-up lookups.
        Thread.sleep(IdleSystemTest.SETTLE);
        long anHourAgo = (System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1)) * 1000;
        assertThat(jaeger.renderedTracesSince(TraceInJaegerTest.SERVICES, anHourAgo))
                .as("traces in Jaeger before any request").isEmpty();
    }
}
