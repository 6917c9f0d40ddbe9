package dev.geodig.streams;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Lettuce client set up for a Redis outage, with Lettuce's own options rather than retries of ours:
 *
 * <ul>
 *   <li>while disconnected, a command fails at once ({@code REJECT_COMMANDS}) instead of waiting in
 *       Lettuce's buffer for the reconnect or its timeout: a lookup is answered 503 as soon as Redis
 *       is gone, and a worker does not pile up results it cannot deliver;
 *   <li>a command on a connection that looks alive but gets no answer (a frozen Redis, a lost
 *       network) fails after {@link RedisTimeouts#command()}, not after Lettuce's default minute;
 *       {@link TimeoutOptions} applies that to asynchronous commands too;
 *   <li>a dropped connection is reconnected by Lettuce (auto-reconnect), with pauses growing from
 *       50 ms to at most {@link RedisTimeouts#reconnectDelayMax()}, instead of Lettuce's default of up
 *       to 30 s: once Redis is back, every connection is back within about that delay.
 * </ul>
 *
 * <p>The handshake stays silent ({@link UntracedHandshake}). The reconnect delay is a property of the
 * client's resources, so the caller shuts down both: the client first, then the resources. The
 * resources come from Lettuce's builder, where the OpenTelemetry agent adds its tracing.
 */
public final class FailFastRedis {

    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(50);

    private FailFastRedis() {
    }

    /** Resources whose reconnect delay is bounded by {@code timeouts.reconnectDelayMax()}. */
    public static ClientResources resources(RedisTimeouts timeouts) {
        Duration lower = FIRST_RECONNECT_DELAY.compareTo(timeouts.reconnectDelayMax()) < 0
                ? FIRST_RECONNECT_DELAY : timeouts.reconnectDelayMax();
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(lower, timeouts.reconnectDelayMax(), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /** A client of {@code url} on {@code resources}; its connections fail fast and reconnect by themselves. */
    public static RedisClient client(ClientResources resources, String url, RedisTimeouts timeouts) {
        RedisURI uri = UntracedHandshake.uri(url);
        uri.setTimeout(timeouts.command());
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(options(timeouts).build());
        return client;
    }

    /** Connections to {@code url} through {@link #client}, signed in as the URL's user ({@link RedisConnector}). */
    public static RedisConnector connector(ClientResources resources, String url, RedisTimeouts timeouts) {
        return new RedisConnector(client(resources, url, timeouts), url);
    }

    /** The client options above, on top of the silent handshake's; a service may add its own. */
    public static ClientOptions.Builder options(RedisTimeouts timeouts) {
        return UntracedHandshake.options()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // Each connection's own timeout: a connection for blocking reads sets a longer one.
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder().connectTimeout(timeouts.connect()).keepAlive(true).build());
    }
}
