package dev.geodig.gateway.metrics;

import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.problem.ProblemException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The time ranges a metrics query may cover, and nothing else: a client picks one by name ({@code range}),
 * so every query the gateway sends Prometheus is one of a few fixed shapes, over a bounded span, at a
 * bounded number of points.
 *
 * <p>The step is the range divided into {@value #POINTS} intervals, never under {@link #MIN_STEP} (the
 * scrape interval): 61 points per series whatever the range. Rates are taken over twice the step, and at
 * least {@link #MIN_RATE_WINDOW}, so that a window holds several scrapes and the collectors' 10 s exports.
 */
enum MetricsRange {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    SIX_HOURS("6h", Duration.ofHours(6));

    static final String FIELD = "range";
    static final MetricsRange DEFAULT = FIFTEEN_MINUTES;
    static final int POINTS = 60;
    static final Duration MIN_STEP = Duration.ofSeconds(5);
    static final Duration MIN_RATE_WINDOW = Duration.ofSeconds(30);
    private static final String NAMES = Arrays.stream(values()).map(MetricsRange::label).collect(Collectors.joining(", "));

    private final String label;
    private final Duration length;

    MetricsRange(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** The range a request names, {@link #DEFAULT} when it names none; a 400 problem naming {@code range} otherwise. */
    static MetricsRange parse(List<String> given) {
        if (given == null || given.isEmpty()) {
            return DEFAULT;
        }
        if (given.size() > 1) {
            throw invalid("must be given once, not " + given.size() + " times");
        }
        String name = given.getFirst();
        for (MetricsRange range : values()) {
            if (range.label.equals(name)) {
                return range;
            }
        }
        throw invalid("must be one of " + NAMES + ", not '" + name + "'");
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "The metrics range is invalid.",
                List.of(new FieldError(FIELD, reason)), null);
    }

    String label() {
        return label;
    }

    Duration length() {
        return length;
    }

    Duration step() {
        Duration divided = length.dividedBy(POINTS);
        return divided.compareTo(MIN_STEP) < 0 ? MIN_STEP : divided;
    }

    Duration rateWindow() {
        Duration twoSteps = step().multipliedBy(2);
        return twoSteps.compareTo(MIN_RATE_WINDOW) < 0 ? MIN_RATE_WINDOW : twoSteps;
    }
}
