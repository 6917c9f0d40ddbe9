package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.HostileRequests.Case;
import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.testkit.LoopbackPorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Properties of the public API over generated requests, sent byte for byte to the real gateway on a
 * real port: whatever a client sends, the answer comes in time, is never a 5xx other than the 503 of
 * a request that went through (the orchestrator and Jaeger are closed loopback ports here), every error
 * is an RFC 9457 problem+json with {@code type/title/status/detail/instance}, a 4xx has {@code errors}
 * and names the field at fault where the generator knows it, and a valid request is never rejected.
 *
 * <p>The requests come from {@link LookupBodies} and {@link HostileRequests}, from a seed printed with
 * any failure; {@code -Dgeodig.properties.seed=<seed>} replays a run, {@code -Dgeodig.properties.tries=<n>}
 * runs more cases. Every failing case is shown whole (as sent, and as answered) instead of shrunk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // Hundreds of requests from one address in a few seconds: the per-client limit is not what is under test.
    "geodig.gateway.rate-limit.enabled=false",
})
class PublicApiPropertyTest {

    private static final int MAX_BODY_BYTES = 8192;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final int TRIES = Integer.getInteger("geodig.properties.tries", 400);
    private static final long SEED = Long.getLong("geodig.properties.seed", System.nanoTime());
    private static final int SHOWN_FAILURES = Integer.getInteger("geodig.properties.shown", 8);

    @DynamicPropertySource
    static void nothingBehind(DynamicPropertyRegistry registry) {
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.prometheus-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.max-body-bytes", () -> MAX_BODY_BYTES);
    }

    @LocalServerPort
    int port;

    private RawHttp http;

    @BeforeEach
    void client() {
        http = new RawHttp(port, ANSWER_WITHIN);
    }

    @Test
    void anyLookupBodyIsAnsweredAsItDeserves() {
        LookupBodies bodies = new LookupBodies(new SplittableRandom(SEED), MAX_BODY_BYTES);
        holdsFor(() -> HostileRequests.lookupWith(bodies.next()), TRIES);
    }

    @Test
    void anyRequestToThePublicApiIsAnsweredAsItDeserves() {
        HostileRequests requests = new HostileRequests(new SplittableRandom(SEED + 1), MAX_BODY_BYTES);
        holdsFor(requests::next, TRIES);
    }

    private void holdsFor(Supplier<Case> cases, int tries) {
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < tries; i++) {
            Case sent = cases.get();
            Reply reply = http.exchange(sent.bytes());
            List<String> wrong = violations(sent, reply);
            if (!wrong.isEmpty()) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add("#" + i + " " + String.join("; ", wrong) + "\n--- sent: " + sent + "\n--- answered: " + reply);
                }
            }
        }
        assertThat(failures).as("%d of %d generated requests answered wrongly (seed %d, replay with -Dgeodig.properties.seed=%d)",
                failed, tries, SEED, SEED).isEmpty();
    }

    /** Everything wrong with {@code reply} as the answer to {@code sent}; empty when it is right. */
    static List<String> violations(Case sent, Reply reply) {
        List<String> wrong = new ArrayList<>();
        Expectation expect = sent.expect();
        if (reply.timedOut()) {
            wrong.add("no complete answer within " + ANSWER_WITHIN.toSeconds() + " s");
            return wrong;
        }
        if (reply.status() == -1) {
            // Tomcat 11 answers an HTTP/0.9 request (no version in its request line) with a bare body, as HTTP/0.9
            // has it; only a mangled request line may get that.
            JsonNode json = reply.json();
            if (!expect.anySuccess()) {
                wrong.add("answered without a status line");
            } else if (json != null && json.path("status").asInt(0) >= 500) {
                wrong.add("a server error, without a status line");
            }
            return wrong;
        }
        int status = reply.status();
        boolean head = sent.method().equals("HEAD");
        if (status >= 400 && !head) {
            wrong.addAll(problemViolations(reply));
        }
        boolean accepted = expect.mayBeAccepted() && status == expect.acceptedStatus();
        if (accepted) {
            return wrong;
        }
        if (status >= 500) {
            wrong.add("a server error, " + status + (expect.mayBeAccepted() ? " (accepted is " + expect.acceptedStatus() + ")" : ""));
        } else if (status >= 400) {
            if (!expect.mayBeRejected()) {
                wrong.add("rejected a valid request with " + status + " (expected " + expect + ")");
            } else if (!expect.fields().isEmpty() && !head && reply.json() != null) {
                Set<String> named = namedFields(reply.json());
                if (named.stream().noneMatch(expect.fields()::contains)) {
                    wrong.add("the problem names " + named + ", expected one of " + expect.fields());
                }
            }
        } else if (!expect.anySuccess()) {
            wrong.add("answered " + status + ", expected " + expect);
        }
        return wrong;
    }

    /** What every error answer must be: an RFC 9457 problem, with errors naming fields for a 4xx. */
    static List<String> problemViolations(Reply reply) {
        List<String> wrong = new ArrayList<>();
        if (!reply.contentType().startsWith("application/problem+json")) {
            wrong.add("an error as '" + reply.contentType() + "', not application/problem+json");
            return wrong;
        }
        JsonNode problem = reply.json();
        if (problem == null || !problem.isObject()) {
            wrong.add("an error whose body is not a JSON object");
            return wrong;
        }
        for (String member : List.of("type", "title", "detail", "instance")) {
            if (!problem.path(member).isString() || problem.path(member).asString().isBlank()) {
                wrong.add("a problem without '" + member + "'");
            }
        }
        if (problem.path("status").asInt(0) != reply.status()) {
            wrong.add("a problem whose status " + problem.path("status") + " is not the answer's " + reply.status());
        }
        if (reply.status() < 500) {
            JsonNode errors = problem.path("errors");
            if (!errors.isArray()) {
                wrong.add("a 4xx problem without an 'errors' array");
            } else {
                for (JsonNode error : errors) {
                    if (!error.path("field").isString() || !error.path("reason").isString()) {
                        wrong.add("an error entry without field and reason: " + error);
                    }
                }
            }
        }
        return wrong;
    }

    private static Set<String> namedFields(JsonNode problem) {
        Set<String> fields = new HashSet<>();
        for (JsonNode error : problem.path("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }
}
