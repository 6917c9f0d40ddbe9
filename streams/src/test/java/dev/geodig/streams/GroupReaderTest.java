package dev.geodig.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.testkit.RedisExtension;
import io.lettuce.core.Consumer;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real reader against a real Redis: what it hands out, in which order, with which count, and how it recovers. */
class GroupReaderTest {

    private static final String STREAM = "entries";
    private static final String GROUP = "readers";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @BeforeEach
    void emptyRedis() {
        redis.flushAll();
    }

    /** What a handler does with a delivery after it has been recorded. */
    @FunctionalInterface
    private interface Behaviour {
        void after(Delivery delivery, GroupReader reader) throws InterruptedException;
    }

    private static final Behaviour ACKNOWLEDGE = (delivery, reader) -> reader.acknowledge(delivery.id());

    /** The services' default timeouts, a second each. */
    private static final RedisTimeouts TIMEOUTS = new RedisTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

    /** A started reader with the Lettuce set-up of the services, whose handler records every delivery. */
    private static final class Running implements AutoCloseable {
        private final ClientResources resources = FailFastRedis.resources(TIMEOUTS);
        private final RedisConnector connector = FailFastRedis.connector(resources, redis.url(), TIMEOUTS);
        private final StatefulRedisConnection<String, String> commands = connector.connect();
        private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
        private final GroupReader reader;

        Running(String consumer, Duration claimIdle, int concurrency, Behaviour behaviour) {
            GroupReader.Settings settings = new GroupReader.Settings(concurrency, claimIdle, claimIdle.dividedBy(4),
                    TIMEOUTS.command());
            GroupReader[] self = new GroupReader[1];
            reader = new GroupReader(connector, commands.sync(), new ConsumerGroup(STREAM, GROUP, consumer), settings,
                    delivery -> {
                        delivered.add(delivery);
                        try {
                            behaviour.after(delivery, self[0]);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
            self[0] = reader;
            reader.start();
        }

        Running(String consumer, Duration claimIdle) {
            this(consumer, claimIdle, 4, ACKNOWLEDGE);
        }

        List<String> ids() {
            return delivered.stream().map(Delivery::id).toList();
        }

        @Override
        public void close() {
            try {
                reader.stop();
                commands.close();
                connector.client().shutdown();
            } finally {
                resources.shutdown();
            }
        }
    }

    private static RedisCommands<String, String> redis() {
        return redis.commands();
    }

    private static String add(String value) {
        return redis().xadd(STREAM, "value", value);
    }

    private static void createGroup() {
        redis().xgroupCreate(StreamOffset.latest(STREAM), GROUP, XGroupCreateArgs.Builder.mkstream());
    }

    /** {@code consumer} reads every new entry and never acknowledges: as if it died right after. */
    private static void readAndDie(String consumer) {
        redis().xreadgroup(Consumer.from(GROUP, consumer), StreamOffset.lastConsumed(STREAM));
    }

    private static long pending() {
        return redis().xpending(STREAM, GROUP).getCount();
    }

    @Test
    void newEntriesAreHandedOutOnTheirFirstDelivery() {
        try (Running running = new Running("one", NEVER)) {
            String first = add("1");
            String second = add("2");

            await().atMost(WAIT).until(() -> running.delivered.size() == 2);
            await().atMost(WAIT).until(() -> pending() == 0);

            assertThat(running.ids()).containsExactlyInAnyOrder(first, second);
            assertThat(running.delivered).extracting(Delivery::count).containsOnly(Delivery.FIRST);
            assertThat(running.delivered).extracting(Delivery::fields)
                    .containsExactlyInAnyOrder(Map.of("value", "1"), Map.of("value", "2"));
        }
    }

    @Test
    void onStartItsOwnPendingEntriesComeFirstCountingTheEarlierDelivery() {
        createGroup();
        String readBefore = add("read before");
        readAndDie("one");
        String fresh = add("fresh");

        try (Running running = new Running("one", NEVER, 1, ACKNOWLEDGE)) {
            await().atMost(WAIT).until(() -> running.delivered.size() == 2);

            assertThat(running.ids()).containsExactly(readBefore, fresh);
            assertThat(running.delivered).extracting(Delivery::count).containsExactly(2L, 1L);
        }
    }

    @Test
    void entriesAnotherConsumerLeftPendingAreClaimedOnceIdleForClaimIdle() {
        createGroup();
        String abandoned = add("abandoned");
        readAndDie("dead");

        try (Running running = new Running("alive", Duration.ofMillis(200))) {
            await().atMost(WAIT).until(() -> running.delivered.size() == 1);
            await().atMost(WAIT).until(() -> pending() == 0);

            assertThat(running.delivered.getFirst().id()).isEqualTo(abandoned);
            assertThat(running.delivered.getFirst().count()).isEqualTo(2);
        }
    }

    @Test
    void anEntryTheHandlerFailsOnComesBackWithAHigherCount() {
        Behaviour failFirst = (delivery, reader) -> {
            if (delivery.count() == Delivery.FIRST) {
                throw new IllegalStateException("failing on purpose");
            }
            reader.acknowledge(delivery.id());
        };
        try (Running running = new Running("one", Duration.ofMillis(200), 4, failFirst)) {
            String entry = add("fails once");

            await().atMost(WAIT).until(() -> running.delivered.size() == 2);
            await().atMost(WAIT).until(() -> pending() == 0);

            assertThat(running.ids()).containsExactly(entry, entry);
            assertThat(running.delivered).extracting(Delivery::count).containsExactly(1L, 2L);
        }
    }

    @Test
    void aGroupRedisHasLostIsCreatedAgainFromTheFirstEntryOfTheStream() {
        try (Running running = new Running("one", NEVER)) {
            redis().flushall();
            // Added before the reader notices: the stream exists again, its group does not.
            String added = add("after the loss");

            await().atMost(WAIT).until(() -> running.delivered.size() == 1);
            assertThat(running.ids()).containsExactly(added);
            assertThat(redis().xinfoGroups(STREAM)).hasSize(1);
        }
    }

    @Test
    void noMoreThanConcurrencyEntriesAreHandledAtOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Behaviour held = (delivery, reader) -> {
            most.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
            release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            inHandler.decrementAndGet();
            reader.acknowledge(delivery.id());
        };
        try (Running running = new Running("one", NEVER, 2, held)) {
            for (int i = 0; i < 5; i++) {
                add(String.valueOf(i));
            }
            await().atMost(WAIT).until(() -> inHandler.get() == 2);
            Thread.sleep(300);
            assertThat(running.delivered).hasSize(2);

            release.countDown();

            await().atMost(WAIT).until(() -> running.delivered.size() == 5);
            await().atMost(WAIT).until(() -> pending() == 0);
            assertThat(most.get()).isEqualTo(2);
        }
    }

    @Test
    void stoppingLetsTheEntriesInFlightFinish() {
        Behaviour slow = (delivery, reader) -> {
            Thread.sleep(500);
            reader.acknowledge(delivery.id());
        };
        Running running = new Running("one", NEVER, 4, slow);
        add("slow");
        await().atMost(WAIT).until(() -> running.delivered.size() == 1);

        running.close();

        assertThat(pending()).isZero();
    }

    @Test
    void aPendingEntryTheStreamNoLongerHasIsAcknowledgedWithoutTheHandler() {
        createGroup();
        String trimmed = add("trimmed");
        readAndDie("one");
        redis().xdel(STREAM, trimmed);

        try (Running running = new Running("one", NEVER)) {
            await().atMost(WAIT).until(() -> pending() == 0);
            assertThat(running.delivered).isEmpty();
        }
    }
}
