package dev.geodig.streams;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisStreamCommands;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream through a consumer group and hands each entry to a {@link Handler} on a virtual thread, at
 * most {@code concurrency} at a time; the handler decides what the entry means and acknowledges it.
 *
 * <p>Order on start: make sure the group exists, hand out this consumer's own pending entries (a previous run
 * of it read them but did not acknowledge), then read new ones. Every claim interval it also takes over entries
 * another consumer of the group read and left unacknowledged for longer than {@code claimIdle} (that consumer is
 * presumed dead: a live one keeps its own from looking idle, {@link InFlightKeepAlive}). The blocking read waits
 * no longer than that interval, so claim rounds come when due even while nothing arrives ({@link ReadPass}).
 *
 * <p>Re-read and claimed entries are re-deliveries: each comes with its delivery count from the group's pending
 * list, so that the handler can give up on one that keeps failing. Entries read new ({@code >}) are on their
 * first delivery and cost no extra command.
 *
 * <p>When Redis goes away the loop keeps trying, quietly ({@link RetryingLoop}). When it comes back empty (no
 * persistence) the group is gone and so may be the stream: the first read says {@code NOGROUP}, and the group is
 * created again, from the stream's first entry rather than its end, so that an entry added before this consumer
 * noticed is still delivered (anything in a stream that new is recent).
 *
 * <p>The blocking reads use a connection of their own: a Lettuce connection runs one command at a time, and a
 * blocked XREADGROUP would hold up the commands of the entries in flight, which use {@code commands}.
 */
public final class GroupReader {

    /** What to do with each entry: runs on a virtual thread; an entry it does not acknowledge stays pending. */
    @FunctionalInterface
    public interface Handler {
        void handle(Delivery delivery);
    }

    /**
     * @param concurrency how many entries are handled at once
     * @param claimIdle how long an entry may sit unacknowledged with another consumer before this one takes it over
     * @param claimEvery how often to look for such entries, and to keep this consumer's own in flight from looking idle
     * @param commandTimeout the Redis command timeout: the blocking read's connection waits that much longer than a
     *     read blocks
     */
    public record Settings(int concurrency, Duration claimIdle, Duration claimEvery, Duration commandTimeout) {

        /** How long one XREADGROUP waits for new entries at most; also bounds how long stopping waits for the loop. */
        static final Duration MAX_READ_BLOCK = Duration.ofSeconds(1);

        /** How long one XREADGROUP waits for new entries: at most a claim interval, so claim rounds come when due. */
        Duration readBlock() {
            return claimEvery.compareTo(MAX_READ_BLOCK) < 0 ? claimEvery : MAX_READ_BLOCK;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(GroupReader.class);

    /** Pause after a Redis error before trying again: no busy loop in an outage, and back soon after it. */
    private static final Duration ERROR_BACKOFF = Duration.ofMillis(250);
    /** How long stopping waits for the entries in flight: longer than the slowest task plus publishing. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final RedisConnector redis;
    private final RedisStreamCommands<String, String> commands;
    private final ConsumerGroup group;
    private final Settings settings;
    private final RetryingLoop loop;
    private final InFlightEntries inFlight;
    private final InFlightKeepAlive keepAlive;
    private volatile boolean started;
    private StatefulRedisConnection<String, String> readConnection;

    /** @param commands the connection shared by the entries in flight, for XACK and keeping them claimed */
    public GroupReader(RedisConnector redis, RedisStreamCommands<String, String> commands, ConsumerGroup group,
            Settings settings, Handler handler) {
        this.redis = redis;
        this.commands = commands;
        this.group = group;
        this.settings = settings;
        this.loop = new RetryingLoop("reading " + group, ERROR_BACKOFF, ERROR_BACKOFF);
        this.inFlight = new InFlightEntries(settings.concurrency(), handler, loop::stopping);
        this.keepAlive = new InFlightKeepAlive(group, commands, inFlight::ids, settings.claimEvery());
    }

    /** Connects, creates the group at {@code $} if there is none, and starts reading; fails while Redis is away. */
    public void start() {
        readConnection = redis.connect();
        // A blocking read must not be cut short by the command timeout.
        readConnection.setTimeout(settings.readBlock().plus(settings.commandTimeout()));
        ReadPass pass = new ReadPass(readConnection.sync(), group, settings, inFlight, loop::stopping);
        // Before start() returns, not in the loop: every entry added from then on must reach this group, and a
        // group created later at "$" would never see the ones added in between. At "$": no history replayed.
        try {
            pass.createGroup(ConsumerGroup.AFTER_LAST);
        } catch (RuntimeException e) {
            readConnection.close();
            throw e;
        }
        started = true;
        keepAlive.start();
        loop.start("group-reader-" + group.group(), pass::run);
        log.info("reading {} (concurrency {}, claim-idle {} ms, claim round every {} ms)", group,
                settings.concurrency(), settings.claimIdle().toMillis(), settings.claimEvery().toMillis());
    }

    /** Stops reading, lets the entries in flight finish (bounded), then closes the reading connection. */
    public void stop() {
        loop.requestStop();
        try {
            loop.awaitStop(Settings.MAX_READ_BLOCK.plusSeconds(5));
            inFlight.awaitDone(SHUTDOWN_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Only now: the entries finishing during the grace period are still kept from being claimed.
            keepAlive.close();
            if (readConnection != null) {
                readConnection.close();
            }
        }
    }

    /** Between {@link #start()} and {@link #stop()}. */
    public boolean isRunning() {
        return started && !loop.stopping();
    }

    /** Acknowledges an entry handed out, on the shared connection, under whatever span is current. */
    public void acknowledge(String id) {
        group.acknowledge(commands, id);
    }
}
