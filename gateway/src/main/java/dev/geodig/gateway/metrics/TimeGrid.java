package dev.geodig.gateway.metrics;

import java.time.Instant;

/**
 * The instants a range query is evaluated at, in epoch seconds: from {@code start} to {@code end} every
 * {@code stepSeconds}, both ends included. The end is now rounded down to a whole step, so that two clients
 * asking within one step get the same points and a series' points fall on the same instants in every query.
 */
record TimeGrid(long start, long end, long stepSeconds) {

    static TimeGrid ending(Instant now, MetricsRange range) {
        long step = range.step().toSeconds();
        long end = Math.floorDiv(now.getEpochSecond(), step) * step;
        return new TimeGrid(end - range.length().toSeconds(), end, step);
    }

    int size() {
        return (int) ((end - start) / stepSeconds) + 1;
    }

    long at(int index) {
        return start + index * stepSeconds;
    }
}
