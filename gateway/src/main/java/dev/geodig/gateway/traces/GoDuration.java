package dev.geodig.gateway.traces;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written as Go's {@code time.ParseDuration} and Jaeger's UI write them: decimal numbers, each with a
 * unit, {@code 500us}, {@code 200ms}, {@code 1.5s}, {@code 2m}, {@code 1h30m}; {@code µs} for {@code us} too, and a
 * bare {@code 0}. No sign: a search duration is never negative.
 */
final class GoDuration {

    /** Written longer than this, it is not a duration anyone types. */
    static final int MAX_LENGTH = 32;

    private static final Pattern WHOLE = Pattern.compile("0|((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * The duration {@code text} writes.
     *
     * @throws IllegalArgumentException saying why, when {@code text} is not a duration or one longer than {@code max}
     */
    static Duration parse(String text, Duration max) {
        if (text.length() > MAX_LENGTH || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a duration such as 500us, 200ms, 1.5s or 2m");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(part.group(2)))));
        }
        if (nanos.compareTo(BigDecimal.valueOf(max.toNanos())) > 0) {
            throw new IllegalArgumentException("must be at most " + max.toHours() + "h");
        }
        // Fractions below a nanosecond are dropped, as Go drops them.
        return Duration.ofNanos(nanos.longValue());
    }
}
