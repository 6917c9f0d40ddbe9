package dev.geodig.cli;

import dev.geodig.contract.TraceView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Fetches a trace, waiting for it the way its spans arrive. Spans travel agent, sidecar and central
 * collector to Jaeger in batches, so right after a lookup its trace is not found (404) or holds only some
 * of its spans for a second or three. So: on 404, ask again with growing pauses until {@code wait} has
 * passed; on a trace that ended less than {@link #SETTLE} ago, or that has spans whose parent has not
 * arrived, look once more when it has settled, within the same bound.
 */
final class TraceFetch {

    /** How long after a trace's end its last spans may still be on their way (the gateway's notes: 1-3 s). */
    static final Duration SETTLE = Duration.ofSeconds(3);
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    /** Where traces come from: the gateway, in use. */
    interface Source {
        GatewayClient.Response get(String traceId) throws GatewayUnreachableException;
    }

    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    /** What came of it. */
    sealed interface Outcome {
        /** @param settled false when spans may still have been arriving when the time was up */
        record Found(TraceView trace, String body, boolean settled) implements Outcome {
        }

        record NotFound(Duration waited) implements Outcome {
        }

        /** Any answer but 200 and 404: the gateway's problem document says why. */
        record Failed(GatewayClient.Response response) implements Outcome {
        }
    }

    private final Source source;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Runnable onFirstMiss;

    /** @param onFirstMiss called once, at the first 404, to tell the user why nothing happens yet */
    TraceFetch(Source source, Clock clock, Sleeper sleeper, Runnable onFirstMiss) {
        this.source = source;
        this.clock = clock;
        this.sleeper = sleeper;
        this.onFirstMiss = onFirstMiss;
    }

    Outcome fetch(String traceId, Duration wait) throws GatewayUnreachableException, InterruptedException {
        Instant deadline = clock.instant().plus(wait);
        Duration pause = FIRST_PAUSE;
        boolean missed = false;
        while (true) {
            GatewayClient.Response response = source.get(traceId);
            Instant now = clock.instant();
            if (response.status() == 200) {
                TraceView trace = GatewayJson.readTrace(response.body());
                Optional<Instant> lookAgain = lookAgainAt(trace, now, pause);
                if (lookAgain.isEmpty() || !lookAgain.get().isBefore(deadline)) {
                    return new Outcome.Found(trace, response.body(), lookAgain.isEmpty());
                }
                sleeper.sleep(Duration.between(now, lookAgain.get()));
            } else if (response.status() == 404) {
                if (!now.isBefore(deadline)) {
                    return new Outcome.NotFound(wait);
                }
                if (!missed) {
                    missed = true;
                    onFirstMiss.run();
                }
                Duration left = Duration.between(now, deadline);
                sleeper.sleep(pause.compareTo(left) < 0 ? pause : left);
            } else {
                return new Outcome.Failed(response);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) < 0 ? pause.multipliedBy(2) : LONGEST_PAUSE;
        }
    }

    /** When to fetch a trace again because spans may still be arriving; empty when it looks complete. */
    private static Optional<Instant> lookAgainAt(TraceView trace, Instant now, Duration pause) {
        Optional<Instant> settled = endOf(trace).map(end -> end.plus(SETTLE)).filter(now::isBefore);
        if (settled.isPresent()) {
            return settled;
        }
        boolean orphans = trace.spans().stream().anyMatch(span -> span.depth() == 0 && span.parentSpanId() != null);
        return orphans ? Optional.of(now.plus(pause)) : Optional.empty();
    }

    private static Optional<Instant> endOf(TraceView trace) {
        if (trace.startTime() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(trace.startTime()).plusNanos(trace.durationUs() * 1000));
        } catch (DateTimeParseException unknownFormat) {
            return Optional.empty();
        }
    }
}
