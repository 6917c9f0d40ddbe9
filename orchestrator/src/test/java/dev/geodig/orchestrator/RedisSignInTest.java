package dev.geodig.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.orchestrator.redis.RedisConnections;
import dev.geodig.testkit.RedisServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing in as an ACL user (the URL's {@code user:password}), the way the services do it: an AUTH sent
 * by geodig rather than Lettuce's handshake (so the agent does not record it as a trace of its own), which
 * Lettuce must still repeat by itself when it reconnects to a Redis that restarted.
 */
class RedisSignInTest {

    private static final String PASSWORD = "s3cret-for-this-test";

    @TempDir
    static Path workDir;

    private static RedisServer redis;

    @BeforeAll
    static void startRedisWithUsers() {
        redis = RedisServer.startWithUsers(workDir, List.of(
                "user default off",
                "user orchestrator on >" + PASSWORD + " resetchannels -@all +ping +xadd ~dns:tasks"));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static String url(String userInfo) {
        return "redis://" + userInfo + "@127.0.0.1:" + redis.port();
    }

    @Test
    void theUrlsUserIsSignedInAndSignedInAgainAfterARestart() {
        try (RedisConnections connections = DefaultRedis.connections(url("orchestrator:" + PASSWORD))) {
            assertThat(connections.shared().sync().ping()).isEqualTo("PONG");
            assertThat(connections.shared().sync().xadd("dns:tasks", "payload", "{}")).isNotBlank();

            redis.kill();
            redis.startAgain();

            Awaitility.await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> "PONG".equals(connections.shared().sync().ping()));
            assertThat(connections.dedicated(Duration.ofSeconds(1)).sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void theUsersPermissionsHoldNotMore() {
        try (RedisConnections connections = DefaultRedis.connections(url("orchestrator:" + PASSWORD))) {
            assertThatThrownBy(() -> connections.shared().sync().xadd("dns:results", "payload", "{}"))
                    .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("NOPERM");
        }
    }

    @Test
    void withoutCredentialsRedisRefusesEveryCommand() {
        try (RedisConnections connections = DefaultRedis.connections("redis://127.0.0.1:" + redis.port())) {
            assertThatThrownBy(() -> connections.shared().sync().ping())
                    .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void aWrongPasswordFailsTheConnection() {
        try (RedisConnections connections = DefaultRedis.connections(url("orchestrator:wrong"))) {
            assertThatThrownBy(connections::shared).isInstanceOf(RedisException.class).hasMessageContaining("WRONGPASS");
        }
    }
}
