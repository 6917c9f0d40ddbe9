package dev.geodig.orchestrator.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code redis} (part of the readiness group): a PING with a short timeout, so a
 * probe never hangs on an unreachable Redis.
 */
public final class RedisHealthIndicator implements HealthIndicator {

    static final Duration PING_TIMEOUT = Duration.ofSeconds(1);

    private final RedisConnections connections;

    public RedisHealthIndicator(RedisConnections connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        try {
            String pong = connections.shared().async().ping().get(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "PONG".equals(pong) ? Health.up().build() : Health.down().withDetail("ping", String.valueOf(pong)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }
}
