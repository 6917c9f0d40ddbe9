package dev.geodig.streams;

import java.time.Duration;

/**
 * How long a service waits for Redis before it reports it unavailable, and how soon it tries again:
 * the settings {@code geodig.redis.command-timeout}, {@code connect-timeout} and
 * {@code reconnect-delay-max} of every service that talks to the streams. Their defaults are the
 * settings' own, in the {@code boot} module's {@code RedisProperties}; each is required here.
 *
 * @param command how long one command may take before it fails (a blocking read adds its block time)
 * @param connect how long opening a connection may take
 * @param reconnectDelayMax the longest pause between two reconnection attempts; it bounds how long a
 *     service stays disconnected once Redis is back
 */
public record RedisTimeouts(Duration command, Duration connect, Duration reconnectDelayMax) {

    public RedisTimeouts {
        positive(command, "command-timeout");
        positive(connect, "connect-timeout");
        positive(reconnectDelayMax, "reconnect-delay-max");
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("geodig.redis." + name + " must be positive, was " + value);
        }
    }
}
