package dev.geodig.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@link RedisServer} for one test class: started before the class, stopped (and its
 * directory removed) after it. Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final RedisExtension redis = new RedisExtension();}</pre>
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

    private String startedBy;
    private ScratchDirectory workDir;
    private RedisServer server;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes inherit the extension; they share the outer class's server.
        if (startedBy != null) {
            return;
        }
        startedBy = context.getUniqueId();
        workDir = ScratchDirectory.create("geodig-redis-");
        server = RedisServer.start(workDir.path());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!context.getUniqueId().equals(startedBy)) {
            return;
        }
        startedBy = null;
        try {
            closeOwnConnection();
        } finally {
            // The server object stays: url() keeps answering for lazily read settings (a Spring
            // context cached past the class) as it did when tests held a RedisServer themselves.
            if (server != null) {
                server.close();
            }
            workDir.close();
        }
    }

    public String url() {
        return started().url();
    }

    /**
     * The test's own connection, opened on first use and kept until the class ends. Opened lazily
     * so that a class that counts or kills client connections sees only the ones it made.
     */
    public RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(RedisURI.create(url()));
            connection = client.connect();
        }
        return connection.sync();
    }

    /** Empties every database, for a test that needs fresh streams. */
    public void flushAll() {
        commands().flushall();
    }

    /** Stops Redis before the class ends, for tests of what happens when it goes away. */
    public void stop() {
        closeOwnConnection();
        started().close();
    }

    /** Kills Redis with SIGKILL, as a crash would; {@link #startAgain()} brings it back. */
    public void kill() {
        closeOwnConnection();
        started().kill();
    }

    /** Starts Redis again on the same port, empty (no persistence), after {@link #kill()} or {@link #stop()}. */
    public void startAgain() {
        started().startAgain();
    }

    /** Freezes Redis (SIGSTOP): connections stay open, nothing is answered, until {@link #thaw()}. */
    public void freeze() {
        started().freeze();
    }

    public void thaw() {
        started().thaw();
    }

    /**
     * The test's own connection would reconnect by itself after a restart, but with Lettuce's default
     * delays (up to 30 s) and its commands queued meanwhile; a fresh one is opened on next use instead.
     */
    private void closeOwnConnection() {
        StatefulRedisConnection<String, String> open = connection;
        RedisClient itsClient = client;
        connection = null;
        client = null;
        if (open != null) {
            try {
                open.close();
            } finally {
                itsClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    private RedisServer started() {
        if (server == null) {
            throw new IllegalStateException("Redis was not started: register RedisExtension on a static field");
        }
        return server;
    }
}
