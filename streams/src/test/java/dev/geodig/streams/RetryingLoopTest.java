package dev.geodig.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop's own contract: failures never end it, pauses grow to a bound, and stopping ends a pause at once. */
class RetryingLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void failuresOfAnyKindDoNotEndTheLoopAndItStopsWhenAsked() throws InterruptedException {
        AtomicInteger steps = new AtomicInteger();
        RetryingLoop loop = new RetryingLoop("test loop", Duration.ofMillis(1), Duration.ofMillis(5));
        loop.start("test-loop", () -> {
            switch (steps.incrementAndGet()) {
                case 1, 2 -> throw new RedisConnectionException("Redis away");
                case 3 -> throw new IllegalStateException("a bug");
                default -> Thread.sleep(1);
            }
        });

        await().atMost(WAIT).until(() -> steps.get() > 10);
        assertThat(loop.alive()).isTrue();
        loop.requestStop();

        assertThat(loop.awaitStop(WAIT)).isTrue();
        assertThat(loop.alive()).isFalse();
    }

    @Test
    void pausesAfterFailuresDoubleUpToTheLongest() throws InterruptedException {
        List<Long> startedAt = new CopyOnWriteArrayList<>();
        RetryingLoop loop = new RetryingLoop("test loop", Duration.ofMillis(40), Duration.ofMillis(100));
        loop.start("test-loop", () -> {
            startedAt.add(System.nanoTime());
            throw new RedisConnectionException("Redis away");
        });

        await().atMost(WAIT).until(() -> startedAt.size() >= 5);
        loop.requestStop();
        loop.awaitStop(WAIT);

        // Lower bounds only: a pause may run late on a busy machine, never early.
        List<Long> pausesMs = List.of(1, 2, 3, 4).stream()
                .map(i -> Duration.ofNanos(startedAt.get(i) - startedAt.get(i - 1)).toMillis()).toList();
        assertThat(pausesMs.get(0)).isGreaterThanOrEqualTo(40);
        assertThat(pausesMs.get(1)).isGreaterThanOrEqualTo(80);
        assertThat(pausesMs.get(2)).isGreaterThanOrEqualTo(100);
        assertThat(pausesMs.get(3)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void stoppingEndsAPauseAtOnce() throws InterruptedException {
        AtomicInteger steps = new AtomicInteger();
        RetryingLoop loop = new RetryingLoop("test loop", Duration.ofHours(1), Duration.ofHours(1));
        loop.start("test-loop", () -> {
            steps.incrementAndGet();
            throw new RedisConnectionException("Redis away");
        });
        await().atMost(WAIT).until(() -> steps.get() == 1);

        loop.requestStop();

        // Ended by itself, not by the interrupt that follows a wait in vain.
        assertThat(loop.awaitStop(WAIT)).isTrue();
        assertThat(loop.stopping()).isTrue();
        assertThat(steps.get()).isEqualTo(1);
    }
}
