package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.gateway.TraceSearchQueries.Query;
import dev.geodig.gateway.traces.LookupTrace;
import dev.geodig.testkit.JaegerExtension;
import dev.geodig.testkit.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Properties of the trace search and the service map over generated queries ({@link TraceSearchQueries}), sent
 * byte for byte to the real gateway in front of a real Jaeger: whatever the query, the answer comes in time and is
 * never a 5xx; a query with no parameter at fault is a 200 with the documented document; any other is a 400
 * problem+json naming at least one parameter at fault and none that is not.
 *
 * <p>{@code -Dgeodig.properties.seed=<seed>} replays a run, {@code -Dgeodig.properties.tries=<n>} runs more cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceSearchPropertyTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(200);

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final int TRIES = Integer.getInteger("geodig.properties.tries", 300);
    private static final long SEED = Long.getLong("geodig.properties.seed", System.nanoTime());
    private static final int SHOWN_FAILURES = 8;

    @DynamicPropertySource
    static void jaegerHere(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.jaeger-query-url", jaeger::queryUrl);
        registry.add("geodig.gateway.jaeger-max-traces", jaeger::maxTraces);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @LocalServerPort
    int port;

    private RawHttp http;

    @BeforeAll
    static void storeSomeLookups() {
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            LookupTrace lookup = LookupTrace.of("lookup-" + i + ".geodig.test").startingAt(now.minusSeconds(60L * i + 5));
            jaeger.send((i % 3 == 0 ? lookup.answeredBy("us-east-1") : i % 5 == 0 ? lookup.failingAt("eu-west-1") : lookup).otlpJson());
        }
    }

    @BeforeEach
    void client() {
        http = new RawHttp(port, ANSWER_WITHIN);
    }

    @Test
    void anySearchIsAnsweredAsItDeserves() {
        TraceSearchQueries queries = new TraceSearchQueries(new SplittableRandom(SEED), Instant.now());
        holdsFor(queries::search, "trace-list.schema.json");
    }

    @Test
    void anyServiceMapQueryIsAnsweredAsItDeserves() {
        TraceSearchQueries queries = new TraceSearchQueries(new SplittableRandom(SEED + 1), Instant.now());
        holdsFor(queries::serviceMap, "service-map.schema.json");
    }

    private void holdsFor(Supplier<Query> queries, String schema) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            Query query = queries.get();
            Reply reply = http.exchange(("GET " + query.path() + (query.rawQuery().isEmpty() ? "" : "?" + query.rawQuery())
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            List<String> wrong = violations(query, reply, schema);
            accepted += reply.status() == 200 ? 1 : 0;
            if (!wrong.isEmpty()) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add("#" + i + " " + String.join("; ", wrong) + "\n--- sent: " + query + "\n--- answered: " + reply);
                }
            }
        }
        assertThat(failures).as("%d of %d generated queries answered wrongly (seed %d, replay with -Dgeodig.properties.seed=%d)",
                failed, TRIES, SEED, SEED).isEmpty();
        System.out.printf("%s: %d of %d generated queries valid (seed %d)%n", schema, accepted, TRIES, SEED);
        assertThat(accepted).as("valid queries among those generated (seed %d)", SEED).isGreaterThan(TRIES / 20);
    }

    private static List<String> violations(Query query, Reply reply, String schema) {
        List<String> wrong = new ArrayList<>();
        if (reply.timedOut()) {
            wrong.add("no complete answer within " + ANSWER_WITHIN.toSeconds() + " s");
            return wrong;
        }
        if (reply.status() >= 400) {
            wrong.addAll(PublicApiPropertyTest.problemViolations(reply));
        }
        if (query.faults().isEmpty()) {
            if (reply.status() != 200) {
                wrong.add("a valid query answered " + reply.status());
            } else if (!Schemas.violations(schema, new String(reply.body(), StandardCharsets.UTF_8)).isEmpty()) {
                wrong.add("an answer that does not match " + schema);
            }
            return wrong;
        }
        if (reply.status() != 400) {
            wrong.add("a query with faults in " + query.faults() + " answered " + reply.status());
            return wrong;
        }
        Set<String> named = new HashSet<>();
        reply.json().path("errors").forEach(error -> named.add(error.path("field").asString()));
        if (named.isEmpty() || !query.faults().containsAll(named)) {
            wrong.add("the problem names " + named + ", the faults are in " + query.faults());
        }
        return wrong;
    }
}
