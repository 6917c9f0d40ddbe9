package dev.geodig.orchestrator;

import static dev.geodig.orchestrator.RunningOrchestrator.LOOKUPS;
import static dev.geodig.orchestrator.RunningOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.testkit.LoopbackPorts;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With Redis unreachable (a closed loopback port), the orchestrator starts, says it is not ready, and answers 503, not 500. */
class RedisUnreachableTest {

    static RunningOrchestrator orchestrator;

    @BeforeAll
    static void start() {
        orchestrator = RunningOrchestrator.start(OpenTelemetry.noop(), Map.of(
                "geodig.redis.url", "redis://127.0.0.1:" + LoopbackPorts.free()));
    }

    @AfterAll
    static void stop() {
        orchestrator.close();
    }

    @Test
    void notReadyButLive() {
        HttpResponse<String> readiness = orchestrator.get("/actuator/health/readiness");
        HttpResponse<String> liveness = orchestrator.get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(json(readiness).get("status").asString()).isEqualTo("DOWN");
        // Restarting the process would not bring Redis back: liveness stays UP.
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void aLookupIsA503Problem() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"www.geodig.test\"}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void anInvalidRequestIsStillA400() {
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", "{\"domain\": \"-bad-.example\"}");

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
