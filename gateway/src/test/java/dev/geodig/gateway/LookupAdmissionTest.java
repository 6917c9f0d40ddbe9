package dev.geodig.gateway;

import static dev.geodig.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.gateway.GatewayClient.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway admits {@code geodig.gateway.max-lookups-in-flight} lookups at once, with real
 * concurrent requests on a real port: lookups are held in flight by an orchestrator that accepts and
 * never answers (a {@link SilentPeer}); one more is turned away at once with a 503 problem and
 * {@code Retry-After}, while everything that is not a lookup is served; once the held lookups end,
 * lookups are admitted again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "geodig.gateway.max-lookups-in-flight=3",
    "geodig.gateway.orchestrator-timeout=2s",
})
class LookupAdmissionTest {

    private static final String LOOKUP = "/api/v1/dns/lookup";
    private static final String VALID = "{\"domain\": \"google.com\"}";
    private static final SilentPeer ORCHESTRATOR = new SilentPeer();

    @DynamicPropertySource
    static void orchestrator(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", ORCHESTRATOR::url);
    }

    @AfterAll
    static void stop() throws IOException {
        ORCHESTRATOR.close();
    }

    @LocalServerPort
    int port;

    @Test
    void oneLookupBeyondTheLimitIsTurnedAwayAtOnceAndLookupsAreAdmittedAgainAfterwards() throws Exception {
        GatewayClient gateway = new GatewayClient(port);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Answer>> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(clients.submit(() -> gateway.postJson(LOOKUP, VALID)));
            }
            awaitConnections(3);

            long start = System.nanoTime();
            Answer turnedAway = gateway.postJson(LOOKUP, VALID);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertProblem(turnedAway, 503);
            assertThat(turnedAway.header("Retry-After")).isEqualTo("1");
            assertThat(turnedAway.json().get("detail").asString()).contains("3 lookups", "try again");
            assertThat(took).as("turned away at once, not after the held lookups' 2 s").isLessThan(Duration.ofMillis(800));
            assertThat(ORCHESTRATOR.connections()).as("the extra lookup never reached the orchestrator").isEqualTo(3);

            // Only lookups count: the page's reads are served, and a bad request is still told what is wrong.
            assertThat(gateway.get("/api/v1/locations").status()).isEqualTo(200);
            assertThat(gateway.get("/ui/app.js").status()).isEqualTo(200);
            assertProblem(gateway.postJson(LOOKUP, "{\"domain\": \"a..b\"}"), 400);

            for (Future<Answer> lookup : held) {
                assertThat(lookup.get().status()).as("a held lookup ends with the orchestrator's timeout").isEqualTo(504);
            }
        }

        Answer admitted = gateway.postJson(LOOKUP, VALID);

        assertThat(admitted.status()).as("admitted again: it reached the silent orchestrator and timed out").isEqualTo(504);
        assertThat(ORCHESTRATOR.connections()).isEqualTo(4);
    }

    private static void awaitConnections(int count) {
        await("lookups in flight at the orchestrator").atMost(Duration.ofSeconds(10)).until(() -> ORCHESTRATOR.connections() >= count);
        assertThat(ORCHESTRATOR.connections()).as("lookups in flight at the orchestrator").isEqualTo(count);
    }
}
