package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.DnsResult;
import dev.geodig.contract.DnsTask;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.MessageCodec;
import dev.geodig.contract.Streams;
import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real worker while its real Redis is killed and started again, empty, on the same port (no persistence,
 * as geodig runs it): the worker heals by itself, without a restart.
 */
class WorkerRedisOutageTest {

    private static final String LOCATION = "us-east-1";
    private static final String GROUP = Streams.workerGroup(LOCATION);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The orchestrator's default: the result must come within it, or it is worth nothing. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @RegisterExtension
    static final DnsServers dns = new DnsServers();

    private static RunningWorker startWorker() {
        return RunningWorker.start(Map.of(
                "geodig.redis.url", redis.url(),
                "geodig.worker.location", LOCATION,
                "geodig.worker.resolvers", dns.address(),
                "geodig.worker.consumer-name", "w-outage"));
    }

    private static DnsTask task() {
        String id = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        return new DnsTask(id, id, "www.geodig.test", List.of("A"), List.of(LOCATION), now, now.plus(DEADLINE), Map.of());
    }

    private static List<DnsResult> resultsOf(DnsTask task) {
        return redis.commands().xrange(Streams.RESULTS, Range.create("-", "+")).stream()
                .map(StreamMessage::getBody).map(MessageCodec::decodeResult)
                .filter(r -> r.taskId().equals(task.taskId())).toList();
    }

    private static boolean groupExists() {
        try {
            return redis.commands().xinfoGroups(Streams.TASKS).stream()
                    .anyMatch(group -> group.toString().contains(GROUP));
        } catch (RuntimeException noStreamYet) {
            return false;
        }
    }

    private static void answered(DnsTask task) {
        await("a result for task " + task.taskId()).atMost(WAIT).until(() -> !resultsOf(task).isEmpty());
        assertThat(resultsOf(task)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(LocationStatus.SUCCESS));
    }

    /** Long enough for the worker's reads to fail a few times and Lettuce to back off to its longest delay. */
    private static void outage() throws InterruptedException {
        redis.kill();
        Thread.sleep(1500);
        redis.startAgain();
    }

    @Test
    void aTaskPublishedTheMomentRedisIsBackIsAnsweredBeforeItsDeadline() throws InterruptedException {
        try (RunningWorker worker = startWorker()) {
            DnsTask before = task();
            redis.commands().xadd(Streams.TASKS, MessageCodec.encode(before));
            answered(before);

            outage();
            // Published at once, into a stream this XADD creates: the worker has not re-created its group yet. A group
            // created again at "$" would never deliver this task; created from the stream's start, it does.
            assertThat(groupExists()).isFalse();
            DnsTask first = task();
            long published = System.nanoTime();
            redis.commands().xadd(Streams.TASKS, MessageCodec.encode(first));

            answered(first);
            Duration recovered = Duration.ofNanos(System.nanoTime() - published);
            System.out.printf("first task after the restart answered %d ms after it was published%n", recovered.toMillis());
            // A result is only published before the task's deadline (less the margin), so it came in time.
            assertThat(recovered).isLessThan(DEADLINE);
            await("the task acknowledged").atMost(WAIT).until(() -> redis.commands().xpending(Streams.TASKS, GROUP).getCount() == 0);
        }
    }

    @Test
    void theWorkerCreatesItsGroupAndTheMissingStreamAgainByItself() throws InterruptedException {
        try (RunningWorker worker = startWorker()) {
            assertThat(groupExists()).isTrue();

            outage();
            long restarted = System.nanoTime();

            // Nobody else writes: the worker's own XGROUP CREATE … MKSTREAM brings back the stream and its group.
            await("the group created again").atMost(WAIT).until(WorkerRedisOutageTest::groupExists);
            System.out.printf("group %s back %d ms after Redis%n", GROUP, (System.nanoTime() - restarted) / 1_000_000);
            DnsTask next = task();
            redis.commands().xadd(Streams.TASKS, MessageCodec.encode(next));
            answered(next);
        }
    }
}
