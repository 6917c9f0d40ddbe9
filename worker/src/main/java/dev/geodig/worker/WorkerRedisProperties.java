package dev.geodig.worker;

import dev.geodig.streams.RedisTimeouts;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's Redis ({@code geodig.redis.*}), the same names every service uses.
 *
 * @param url a {@code redis://host:port} URI
 * @param commandTimeout how long a command may go unanswered before it fails; a blocking read adds its block time
 * @param connectTimeout how long opening a connection may take
 * @param reconnectDelayMax the longest pause between reconnection attempts after Redis went away
 */
@ConfigurationProperties("geodig.redis")
public record WorkerRedisProperties(String url, Duration commandTimeout, Duration connectTimeout, Duration reconnectDelayMax) {

    public WorkerRedisProperties {
        url = url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url.strip();
    }

    /** The timeouts, checked (positive) and with the documented defaults for the unset ones. */
    public RedisTimeouts timeouts() {
        return new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
    }
}
