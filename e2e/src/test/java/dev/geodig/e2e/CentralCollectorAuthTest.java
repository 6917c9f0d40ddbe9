package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
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
        String refusedTraceId = ProbeSpan.randomTraceId();
        HttpJson.Reply anonymous = sendTrace(refusedTraceId, Map.of());
        assertThat(anonymous.status()).as("no credentials: %s", anonymous.body()).isIn(401, 403);

        HttpJson.Reply wrong = sendTrace(refusedTraceId, Map.of("Authorization", basic(topology.collectorUser(), "not-the-password")));
        assertThat(wrong.status()).as("wrong password: %s", wrong.body()).isIn(401, 403);

        String acceptedTraceId = ProbeSpan.randomTraceId();
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
        return ProbeSpan.root(PROBE_SERVICE, traceId, "collector_auth_probe").send(topology.centralCollectorOtlpHttpUrl(), headers);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
