package dev.geodig.orchestrator;

import static dev.geodig.orchestrator.RunningOrchestrator.LOOKUPS;
import static dev.geodig.orchestrator.RunningOrchestrator.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.Streams;
import dev.geodig.testkit.RedisExtension;
import io.opentelemetry.api.OpenTelemetry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real orchestrator while its real Redis is killed and started again empty on the same port, or frozen:
 * lookups are answered 503 problem+json long before the result deadline, readiness goes DOWN, and once Redis is
 * back lookups succeed again without restarting anything. Durations are compared with the configured deadline
 * and command timeout, not with a stopwatch figure; the measured ones are printed.
 */
class RedisOutageTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    private static final List<String> ALL = List.of("us-east-1", "eu-west-1", "asia-south-1");
    private static final String REQUEST = "{\"domain\": \"www.geodig.test\"}";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static RunningOrchestrator start() {
        return RunningOrchestrator.start(OpenTelemetry.noop(), Map.of(
                "geodig.redis.url", redis.url(),
                "geodig.orchestrator.result-deadline", DEADLINE.toMillis() + "ms",
                "geodig.redis.command-timeout", COMMAND_TIMEOUT.toMillis() + "ms"));
    }

    /** One lookup, answered for every location by a test worker on a connection of its own. */
    private static HttpResponse<String> lookupAnswered(RunningOrchestrator orchestrator) {
        try (WorkerSide worker = new WorkerSide(redis.url())) {
            worker.answerNextTask(worker.lastId(Streams.TASKS), ALL);
            return orchestrator.post(LOOKUPS, "application/json", REQUEST);
        }
    }

    private static boolean succeeds(HttpResponse<String> response) {
        return response.statusCode() == 200 && "success".equals(json(response).get("status").asString());
    }

    private static Timed<HttpResponse<String>> timedLookup(RunningOrchestrator orchestrator) {
        long started = System.nanoTime();
        HttpResponse<String> response = orchestrator.post(LOOKUPS, "application/json", REQUEST);
        return new Timed<>(response, Duration.ofNanos(System.nanoTime() - started));
    }

    private record Timed<T>(T value, Duration took) {
    }

    private static void assertServiceUnavailableProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("status").asInt()).isEqualTo(503);
        assertThat(json(response).get("detail").asString()).startsWith("Redis, the task store, cannot be reached");
    }

    private static String readiness(RunningOrchestrator orchestrator) {
        return json(orchestrator.get("/actuator/health/readiness")).get("status").asString();
    }

    @Test
    void redisKilledMeansA503AtOnceAndRedisBackEmptyMeansLookupsSucceedAgainWithoutARestart() {
        try (RunningOrchestrator orchestrator = start()) {
            assertThat(succeeds(lookupAnswered(orchestrator))).isTrue();

            redis.kill();
            Timed<HttpResponse<String>> during = timedLookup(orchestrator);

            assertServiceUnavailableProblem(during.value());
            // Not the result deadline, not Lettuce's default minute: a dropped connection rejects commands at once.
            assertThat(during.took()).isLessThan(DEADLINE.dividedBy(4));
            assertThat(readiness(orchestrator)).isEqualTo("DOWN");
            System.out.printf("Redis killed: 503 after %d ms (deadline %d ms)%n", during.took().toMillis(), DEADLINE.toMillis());

            redis.startAgain();
            long restarted = System.nanoTime();
            // Empty: no stream, no last id the reader knew. The reader must re-attach and see the new results.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> succeeds(lookupAnswered(orchestrator)));
            System.out.printf("Redis back empty: a lookup succeeded %d ms after the restart%n",
                    (System.nanoTime() - restarted) / 1_000_000);
            assertThat(readiness(orchestrator)).isEqualTo("UP");
        }
    }

    @Test
    void redisFrozenMeansA503AfterTheCommandTimeoutNotAfterTheDeadline() {
        try (RunningOrchestrator orchestrator = start()) {
            assertThat(succeeds(lookupAnswered(orchestrator))).isTrue();

            redis.freeze();
            try {
                // The connection stays up, so nothing is rejected: the command timeout is what answers.
                Timed<HttpResponse<String>> during = timedLookup(orchestrator);

                assertServiceUnavailableProblem(during.value());
                assertThat(during.took()).isGreaterThanOrEqualTo(COMMAND_TIMEOUT.minusMillis(50)).isLessThan(DEADLINE);
                assertThat(readiness(orchestrator)).isEqualTo("DOWN");
                System.out.printf("Redis frozen: 503 after %d ms (command timeout %d ms, deadline %d ms)%n",
                        during.took().toMillis(), COMMAND_TIMEOUT.toMillis(), DEADLINE.toMillis());
            } finally {
                redis.thaw();
            }

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> succeeds(lookupAnswered(orchestrator)));
        }
    }

    @Test
    void aCommandTimeoutNotShorterThanTheDeadlineIsRefusedAtStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunningOrchestrator.start(OpenTelemetry.noop(), Map.of(
                        "geodig.redis.url", redis.url(),
                        "geodig.orchestrator.result-deadline", "1s",
                        "geodig.redis.command-timeout", "1s")).close())
                .rootCause().hasMessageContaining("geodig.redis.command-timeout (1000 ms) must be shorter than geodig.orchestrator.result-deadline (1000 ms)");
    }
}
