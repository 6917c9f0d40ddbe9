package dev.geodig.orchestrator.redis;

import dev.geodig.contract.UntracedHandshake;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The orchestrator's Redis connections: one shared, multiplexed connection for short commands
 * (XADD, XGROUP, XACK, PING) and dedicated connections for blocking reads, which would otherwise
 * stall every other command queued behind them on the shared one.
 *
 * <p>Nothing connects at construction: the service must start, and report itself not ready, while
 * Redis is down. The shared connection is opened on first use and re-tried on the next use after a
 * failure; once open, Lettuce reconnects it by itself.
 */
public final class RedisConnections implements AutoCloseable {

    /** Short commands on loopback answer in microseconds; waiting longer only delays the 503. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> shared;

    public RedisConnections(String url) {
        RedisURI uri = UntracedHandshake.uri(url);
        uri.setTimeout(COMMAND_TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(UntracedHandshake.options()
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                // While disconnected, fail commands at once instead of queueing them until the
                // timeout: a lookup then answers 503 promptly and readiness turns DOWN promptly.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
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
                shared = client.connect();
            }
            return shared;
        } finally {
            connecting.unlock();
        }
    }

    /**
     * A new connection of its own for a blocking read; the caller closes it. Its command timeout is
     * {@code blockFor} plus a margin, so a blocking read is never cut short by the client.
     */
    public StatefulRedisConnection<String, String> dedicated(Duration blockFor) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(blockFor.plus(COMMAND_TIMEOUT));
        return connection;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> connection = shared;
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
