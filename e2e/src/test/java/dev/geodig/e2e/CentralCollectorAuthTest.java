package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The central collector takes telemetry only from senders with the credentials the sidecars use. */
@Order(3)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CentralCollectorAuthTest {

    /** Not one of the five services, so the idle check never sees these probe traces. */
    static final String PROBE_SERVICE = "e2e-collector-auth-probe";

    private GeodigTopology topology;
    private Jaeger jaeger;

    @BeforeAll
    void connect(GeodigTopology topology) {
        this.topology = topology;
        this.jaeger = new Jaeger(topology);
    }

    @Test
    void refusesASenderWithoutCredentialsAndAcceptsTheConfiguredOne() {
        String refusedTraceId = randomHex(16);
        HttpJson.Reply anonymous = sendTrace(refusedTraceId, Map.of());
        assertThat(anonymous.status()).as("no credentials: %s", anonymous.body()).isIn(401, 403);

        HttpJson.Reply wrong = sendTrace(refusedTraceId, Map.of("Authorization", basic(topology.collectorUser(), "not-the-password")));
        assertThat(wrong.status()).as("wrong password: %s", wrong.body()).isIn(401, 403);

        String acceptedTraceId = randomHex(16);
        HttpJson.Reply authenticated = sendTrace(acceptedTraceId,
                Map.of("Authorization", basic(topology.collectorUser(), topology.collectorPassword())));
        assertThat(authenticated.status()).as("with the credentials: %s", authenticated.body()).isEqualTo(200);

        // The accepted span travels on to Jaeger, marked by the central collector; the refused one,
        // sent earlier on the same path, never does.
        JaegerTrace accepted = jaeger.awaitTrace(acceptedTraceId, Duration.ofSeconds(30), t -> !t.spans().isEmpty())
                .orElseThrow(() -> new AssertionError("the accepted probe span never reached Jaeger"));
        assertThat(accepted.services()).containsExactly(PROBE_SERVICE);
        assertThat(TraceInJaegerTest.pathMarkers(accepted, accepted.spans().getFirst()))
                .containsEntry("geodig.collector.central", "central");
        assertThat(jaeger.traces(refusedTraceId)).as("the refused probe span in Jaeger").isEmpty();
    }

    private HttpJson.Reply sendTrace(String traceId, Map<String, String> headers) {
        long now = System.currentTimeMillis() * 1_000_000L;
        String body = """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                 "scopeSpans":[{"scope":{"name":"dev.geodig.e2e"},"spans":[{"traceId":"%s","spanId":"%s",
                 "name":"collector_auth_probe","kind":1,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"}]}]}]}
                """.formatted(PROBE_SERVICE, traceId, randomHex(8), now, now + 1_000_000L);
        return HttpJson.await(HttpJson.postAsync(topology.centralCollectorOtlpHttpUrl() + "/v1/traces",
                "application/json", body, headers));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which OTLP treats as invalid
        return HexFormat.of().formatHex(random);
    }
}
