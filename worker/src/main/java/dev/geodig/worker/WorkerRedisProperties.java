package dev.geodig.worker;

import dev.geodig.streams.RedisTimeouts;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's Redis ({@code geodig.redis.*}), the same names every service uses.
 *
 * @param url a {@code redis://host:port} URI
 * @param commandTimeout how long a command may go unanswered before it fails; a blocking read adds its block time
 * @param connectTimeout how long opening a connection may take
 * @param reconnectDelayMax the longest pause between reconnection attempts after Redis went away
 */
@ConfigurationProperties("geodig.redis")
public record WorkerRedisProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("1s") Duration commandTimeout,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("1s") Duration reconnectDelayMax) {

    public WorkerRedisProperties {
        if (url.isBlank()) {
            throw new IllegalArgumentException("geodig.redis.url must not be empty (env GEODIG_REDIS_URL); unset, it is "
                    + "redis://127.0.0.1:6379");
        }
        url = url.strip();
        // Checks that each is positive.
        new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
    }

    public RedisTimeouts timeouts() {
        return new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
    }
}
