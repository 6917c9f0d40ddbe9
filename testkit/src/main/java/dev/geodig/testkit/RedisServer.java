package dev.geodig.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Redis ({@code redis-server} from Debian) on a free loopback port, without persistence,
 * for one test class. Close it to stop it.
 */
public final class RedisServer implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private RedisServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServer start(Path workDir) {
        int port = LoopbackPorts.free();
        ChildProcess process = ChildProcess.start("redis-" + port, List.of(
                "redis-server", "--port", String.valueOf(port), "--bind", LoopbackPorts.LOOPBACK,
                "--save", "", "--appendonly", "no", "--dir", workDir.toString()), workDir);
        RedisServer server = new RedisServer(process, port);
        process.awaitReady(Duration.ofSeconds(10), server::answersPing);
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + LoopbackPorts.LOOPBACK + ":" + port;
    }

    private boolean answersPing() {
        RedisClient client = RedisClient.create(RedisURI.create(url()));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException notYet) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
