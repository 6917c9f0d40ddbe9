package dev.geodig.orchestrator.redis;

import dev.geodig.streams.FailFastRedis;
import dev.geodig.streams.RedisConnector;
import dev.geodig.streams.RedisTimeouts;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The orchestrator's Redis connections: one shared, multiplexed connection for short commands
 * (XADD, XGROUP, XACK, PING) and dedicated connections for blocking reads, which would otherwise
 * stall every other command queued behind them on the shared one.
 *
 * <p>Nothing connects at construction: the service must start, and report itself not ready, while
 * Redis is down. The shared connection is opened on first use and re-tried on the next use after a
 * failure; once open, Lettuce reconnects it by itself. While it is disconnected every command fails
 * at once, and a command Redis does not answer fails after the command timeout ({@link FailFastRedis}):
 * either way a lookup is answered 503 within about a second, never after the result deadline.
 */
public final class RedisConnections implements AutoCloseable {

    private final ClientResources resources;
    private final RedisConnector redis;
    private final RedisTimeouts timeouts;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> shared;

    public RedisConnections(String url, RedisTimeouts timeouts) {
        this.timeouts = timeouts;
        this.resources = FailFastRedis.resources(timeouts);
        this.redis = FailFastRedis.connector(resources, url, timeouts);
    }

    /** The shared connection for non-blocking commands; connects on first use. */
    public StatefulRedisConnection<String, String> shared() {
        StatefulRedisConnection<String, String> connection = shared;
        if (connection != null) {
            return connection;
        }
        connecting.lock();
        try {
            if (shared == null) {
                shared = redis.connect();
            }
            return shared;
        } finally {
            connecting.unlock();
        }
    }

    /**
     * A new connection of its own for a blocking read; the caller closes it. Its command timeout is
     * {@code blockFor} plus the command timeout, so a blocking read is never cut short by the client.
     */
    public StatefulRedisConnection<String, String> dedicated(Duration blockFor) {
        StatefulRedisConnection<String, String> connection = redis.connect();
        connection.setTimeout(blockFor.plus(timeouts.command()));
        return connection;
    }

    /** The longest pause between reconnection attempts; a reader that reconnects on its own should not wait longer. */
    public Duration reconnectDelayMax() {
        return timeouts.reconnectDelayMax();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> connection = shared;
        try {
            if (connection != null) {
                connection.close();
            }
            redis.client().shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
