package dev.geodig.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Redis ({@code redis-server} from Debian) on a free loopback port, without persistence,
 * for one test class. Close it to stop it.
 *
 * <p>For outage tests it can also be killed ({@link #kill()}), frozen ({@link #freeze()}) and started
 * again on the same port ({@link #startAgain()}): empty, as a Redis without persistence comes back
 * after a crash, so clients that reconnect find neither streams nor consumer groups.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final int port;
    private final Path aclFile;
    private volatile ChildProcess process;

    private RedisServer(Path workDir, int port, Path aclFile) {
        this.workDir = workDir;
        this.port = port;
        this.aclFile = aclFile;
    }

    public static RedisServer start(Path workDir) {
        RedisServer server = new RedisServer(workDir, LoopbackPorts.free(), null);
        server.launch();
        return server;
    }

    /**
     * A server whose users are {@code users}, lines of Redis's ACL file ({@code user <name> on >password
     * +ping ~key ...}); list {@code user default off} to refuse clients that do not sign in.
     */
    public static RedisServer startWithUsers(Path workDir, List<String> users) {
        Path aclFile = workDir.resolve("users.acl");
        try {
            Files.createDirectories(workDir);
            Files.write(aclFile, users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RedisServer server = new RedisServer(workDir, LoopbackPorts.free(), aclFile);
        server.launch();
        return server;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(
                "redis-server", "--port", String.valueOf(port), "--bind", LoopbackPorts.LOOPBACK,
                "--save", "", "--appendonly", "no", "--dir", workDir.toString()));
        if (aclFile != null) {
            command.addAll(List.of("--aclfile", aclFile.toString()));
        }
        ChildProcess started = ChildProcess.start("redis-" + port, command, workDir);
        process = started;
        started.awaitReady(START_TIMEOUT, this::answersPing);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + LoopbackPorts.LOOPBACK + ":" + port;
    }

    /** Kills the server with SIGKILL: its clients' connections drop at once, as in a crash. */
    public void kill() {
        process.kill();
    }

    /**
     * Starts a new, empty server on the same port after {@link #kill()} or {@link #close()}, and waits
     * until it answers. Redis binds with SO_REUSEADDR, so the port is free again at once.
     */
    public void startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-" + port + " is still running; kill or close it first");
        }
        launch();
    }

    /**
     * Stops the server with SIGSTOP: connections stay open but nothing is answered, as with a hung
     * Redis or a lost network. {@link #thaw()} lets it go on.
     */
    public void freeze() {
        process.signal("STOP");
    }

    public void thaw() {
        process.signal("CONT");
    }

    private boolean answersPing() {
        RedisClient client = RedisClient.create(RedisURI.create(url()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException notYet) {
            // A server that refuses a client that did not sign in is up all the same.
            for (Throwable cause = notYet; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && cause.getMessage().contains("NOAUTH")) {
                    return true;
                }
            }
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        ChildProcess current = process;
        if (current == null) {
            return;
        }
        if (current.isAlive()) {
            try {
                // A frozen server would not act on SIGTERM until it runs again.
                current.signal("CONT");
            } catch (RuntimeException exitedMeanwhile) {
                // Nothing left to wake.
            }
        }
        current.close();
    }
}
