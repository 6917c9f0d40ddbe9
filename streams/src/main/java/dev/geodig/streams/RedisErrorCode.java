package dev.geodig.streams;

import io.lettuce.core.RedisCommandExecutionException;

/**
 * What a failed Redis command means, by the error code Redis put in its reply: the first word of the
 * error ({@code -NOGROUP No such key …}), which is what the protocol defines for telling errors apart.
 * Lettuce raises every error reply as a {@link RedisCommandExecutionException} (a few codes as
 * subclasses, {@code BUSY…} as {@code RedisBusyException}) and keeps the reply as its message; this is
 * the one place that reads it, so callers switch on a code rather than match message text.
 */
public enum RedisErrorCode {

    /** The consumer group, or its stream, does not exist (Redis restarted empty, or it was destroyed). */
    NOGROUP,
    /** {@code XGROUP CREATE} of a group that exists already. */
    BUSYGROUP,
    /** Any other error reply. */
    OTHER,
    /** No reply at all: the connection is down or lost, or the command timed out. */
    NO_REPLY;

    /** The code of {@code failure}: one of the named ones, {@link #OTHER} or {@link #NO_REPLY}. */
    public static RedisErrorCode of(RuntimeException failure) {
        if (!(failure instanceof RedisCommandExecutionException reply)) {
            return NO_REPLY;
        }
        String text = String.valueOf(reply.getMessage());
        int space = text.indexOf(' ');
        return switch (space < 0 ? text : text.substring(0, space)) {
            case "NOGROUP" -> NOGROUP;
            case "BUSYGROUP" -> BUSYGROUP;
            default -> OTHER;
        };
    }

    /** Whether {@code failure} is an error reply with this code. */
    public boolean is(RuntimeException failure) {
        return of(failure) == this;
    }
}
