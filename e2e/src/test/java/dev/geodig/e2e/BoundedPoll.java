package dev.geodig.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until a value is there or a deadline passes; every wait of these tests is bounded. */
final class BoundedPoll {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    private BoundedPoll() {
    }

    /**
     * Calls {@code attempt} until it returns a value or {@code bound} has passed.
     *
     * @return the value, or empty when the deadline passed without one
     */
    static <T> Optional<T> until(Duration bound, Supplier<Optional<T>> attempt) {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            Optional<T> value = attempt.get();
            if (value.isPresent() || Instant.now().isAfter(deadline)) {
                return value;
            }
            sleep(INTERVAL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
