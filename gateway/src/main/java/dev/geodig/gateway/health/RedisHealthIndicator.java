package dev.geodig.gateway.health;

import dev.geodig.boot.RedisProperties;
import dev.geodig.streams.RedisConnector;
import dev.geodig.streams.UntracedHandshake;
import dev.geodig.gateway.GatewayProperties;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of Redis ({@code redis} in the readiness group): a PING on a fresh connection, with a
 * short connect and command timeout.
 *
 * <p>A fresh connection per check, not a kept one: a kept Lettuce connection reconnects in the
 * background and queues commands meanwhile, so a PING could wait out its timeout on a server that
 * is already back, or succeed on a stale view. Checks are rare; a connect on loopback is cheap.
 */
@Component
class RedisHealthIndicator implements HealthIndicator, DisposableBean {

    private final RedisClient client;
    private final RedisConnector connector;
    private final RedisURI uri;
    private final String target;

    RedisHealthIndicator(RedisProperties redis, GatewayProperties properties) {
        Duration timeout = properties.readinessTimeout();
        this.uri = UntracedHandshake.uri(redis.url());
        this.uri.setTimeout(timeout);
        // Host and port only: the URL may hold a password, and health details are shown.
        this.target = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create();
        this.connector = new RedisConnector(client, redis.url());
        this.client.setOptions(UntracedHandshake.options()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .autoReconnect(false)
                .build());
    }

    @Override
    public Health health() {
        try (StatefulRedisConnection<String, String> connection = connector.connect(uri)) {
            String answer = connection.sync().ping();
            return "PONG".equals(answer)
                    ? Health.up().withDetail("redis", target).build()
                    : Health.down().withDetail("redis", target).withDetail("error", "PING answered " + answer).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("redis", target).withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
