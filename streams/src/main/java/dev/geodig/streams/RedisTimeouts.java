package dev.geodig.streams;

import java.time.Duration;

/**
 * How long a service waits for Redis before it reports it unavailable, and how soon it tries again:
 * the settings {@code geodig.redis.command-timeout}, {@code connect-timeout} and
 * {@code reconnect-delay-max} of every service that talks to the streams. An unset one is a second:
 * Redis on loopback answers in microseconds, and a lookup must hear "unavailable" within about one.
 *
 * @param command how long one command may take before it fails (a blocking read adds its block time)
 * @param connect how long opening a connection may take
 * @param reconnectDelayMax the longest pause between two reconnection attempts; it bounds how long a
 *     service stays disconnected once Redis is back
 */
public record RedisTimeouts(Duration command, Duration connect, Duration reconnectDelayMax) {

    private static final Duration UNSET = Duration.ofSeconds(1);

    public static final RedisTimeouts DEFAULTS = new RedisTimeouts(null, null, null);

    public RedisTimeouts {
        command = positive(command, "command-timeout");
        connect = positive(connect, "connect-timeout");
        reconnectDelayMax = positive(reconnectDelayMax, "reconnect-delay-max");
    }

    private static Duration positive(Duration value, String name) {
        Duration checked = value == null ? UNSET : value;
        if (checked.isNegative() || checked.isZero()) {
            throw new IllegalArgumentException("geodig.redis." + name + " must be positive, was " + checked);
        }
        return checked;
    }
}
