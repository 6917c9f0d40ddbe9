package dev.geodig.boot;

import dev.geodig.streams.RedisTimeouts;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service reaches Redis ({@code geodig.redis.*}): one set of names and defaults for every service that
 * talks to it, the orchestrator and the workers for the streams, the gateway for its readiness check (the URL
 * only). The defaults are the {@code @DefaultValue}s here, and only here. A second for each timeout: Redis on
 * loopback answers in microseconds, and a lookup must hear "unavailable" within about one.
 *
 * @param url a {@code redis://host:port} URI; {@code redis://<user>:<password>@host:port} signs in as that ACL user
 * @param commandTimeout how long a command may go unanswered (a frozen Redis, a lost network) before it fails;
 *     a blocking read adds its block time. While Redis is known to be away, commands fail at once instead
 * @param connectTimeout how long opening a connection may take
 * @param reconnectDelayMax the longest pause between reconnection attempts: how long after Redis is back a
 *     service may still find it unavailable
 */
@ConfigurationProperties("geodig.redis")
public record RedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("1s") Duration commandTimeout,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("1s") Duration reconnectDelayMax) {

    public RedisProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("geodig.redis.url must not be empty (env GEODIG_REDIS_URL); unset, it is "
                    + "redis://127.0.0.1:6379");
        }
        url = url.strip();
        // Checks that each is positive.
        new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
    }

    /** The timeouts as the streams module's Lettuce set-up takes them. */
    public RedisTimeouts timeouts() {
        return new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
    }
}
