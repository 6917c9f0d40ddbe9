package dev.geodig.streams;

import dev.geodig.telemetry.UntracedPolling;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisStreamCommands;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the entries a consumer is working on from looking abandoned to the other consumers of its group.
 *
 * <p>{@code XAUTOCLAIM} takes over any pending entry idle for {@code claim-idle}, and an entry's idle time counts
 * from its last delivery, not from the last sign of life of its consumer. A live worker with a slow task (a silent
 * DNS server, retries) would lose it to another instance, which would do it again, each such claim counting a
 * delivery towards {@code max-deliveries}. So every claim interval this {@code XCLAIM}s the consumer's own entries
 * in flight to itself with {@code JUSTID}: that resets their idle time and, with {@code JUSTID}, counts no delivery.
 * Only a consumer that stops doing so (dead, frozen, cut off from Redis for longer than {@code claim-idle}) has its
 * entries claimed; should a live one lose one all the same, both do the task and the orchestrator keeps the first
 * result of a location (the second is counted as a duplicate).
 *
 * <p>It runs on a thread of its own, not in the read loop: that loop waits for a free slot when every slot is
 * busy, which is exactly when the entries in flight are slow and most need this.
 */
final class InFlightKeepAlive implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InFlightKeepAlive.class);

    private final ConsumerGroup group;
    private final RedisStreamCommands<String, String> commands;
    private final Supplier<String[]> inFlight;
    private final Duration every;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread thread;

    InFlightKeepAlive(ConsumerGroup group, RedisStreamCommands<String, String> commands, Supplier<String[]> inFlight,
            Duration every) {
        this.group = group;
        this.commands = commands;
        this.inFlight = inFlight;
        this.every = every;
    }

    InFlightKeepAlive start() {
        thread = Thread.ofVirtual().name("in-flight-keep-alive").start(this::run);
        return this;
    }

    private void run() {
        try {
            while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
                touch();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resets the idle time of every entry in flight; one command, whatever their number (bounded by concurrency). */
    void touch() {
        String[] ids = inFlight.get();
        if (ids.length == 0) {
            return;
        }
        // Housekeeping, like polling: its client spans must not start traces.
        try (Scope ignored = UntracedPolling.enter()) {
            group.keepClaimed(commands, ids);
        } catch (RedisException e) {
            // Redis away: nobody can claim meanwhile either. The next round tries again.
            log.debug("could not keep {} entries in flight alive: {}", ids.length, e.getMessage());
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
