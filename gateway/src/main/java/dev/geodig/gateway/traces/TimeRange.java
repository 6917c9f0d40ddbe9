package dev.geodig.gateway.traces;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The time range a read of traces covers: the last {@code lookback} (one of a few, as Jaeger's UI offers them)
 * or a custom {@code start} and {@code end} (RFC 3339), never both. A trace is in the range when a span of it
 * started within it. Bounded: at most {@link #MAX_SPAN} long and not in the future beyond {@link #SKEW}, so no
 * request asks Jaeger for more than its memory holds of a day.
 *
 * @param start inclusive
 * @param end inclusive, after {@code start}
 * @param lookback the lookback it was asked as ({@code 1h}), {@code null} for a custom range
 */
public record TimeRange(Instant start, Instant end, String lookback) {

    public static final String LOOKBACK = "lookback";
    public static final String START = "start";
    public static final String END = "end";

    /** The lookbacks offered, in order. */
    static final Map<String, Duration> LOOKBACKS = lookbacks();
    static final Duration MAX_SPAN = Duration.ofHours(24);
    /** How far in the future an {@code end} may be: the client's clock may run a little ahead of the gateway's. */
    static final Duration SKEW = Duration.ofMinutes(1);

    /** RFC 3339's date-time: seconds required, an offset required, a fraction of up to nine digits. */
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private static Map<String, Duration> lookbacks() {
        Map<String, Duration> lookbacks = new LinkedHashMap<>();
        lookbacks.put("5m", Duration.ofMinutes(5));
        lookbacks.put("15m", Duration.ofMinutes(15));
        lookbacks.put("1h", Duration.ofHours(1));
        lookbacks.put("6h", Duration.ofHours(6));
        lookbacks.put("24h", Duration.ofHours(24));
        return Collections.unmodifiableMap(lookbacks);
    }

    /**
     * The range {@code parameters} ask for at {@code now}, {@code defaultLookback} when they name none; a fault is
     * recorded on {@code parameters} (naming {@code lookback}, {@code start} or {@code end}) and the default
     * range returned, so every other parameter is still checked.
     */
    public static TimeRange from(QueryParameters parameters, Instant now, String defaultLookback) {
        Optional<String> lookback = parameters.single(LOOKBACK);
        Optional<String> start = parameters.single(START);
        Optional<String> end = parameters.single(END);
        TimeRange fallback = last(defaultLookback, now);
        if (lookback.isPresent() && (start.isPresent() || end.isPresent())) {
            parameters.reject(LOOKBACK, "give either lookback or start and end, not both");
            return fallback;
        }
        if (start.isEmpty() && end.isEmpty()) {
            String asked = lookback.orElse(defaultLookback);
            if (!LOOKBACKS.containsKey(asked)) {
                parameters.reject(LOOKBACK, "must be one of " + String.join(", ", LOOKBACKS.keySet()));
                return fallback;
            }
            return last(asked, now);
        }
        if (start.isEmpty() || end.isEmpty()) {
            parameters.reject(start.isEmpty() ? START : END, "is required with " + (start.isEmpty() ? END : START)
                    + ": a custom range has both (or ask for a lookback instead)");
            return fallback;
        }
        Instant from = instant(parameters, START, start.get());
        Instant to = instant(parameters, END, end.get());
        if (from == null || to == null) {
            return fallback;
        }
        if (!to.isAfter(from)) {
            parameters.reject(END, "must be after start");
        } else if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            parameters.reject(END, "must be at most 24h after start");
        } else if (to.isAfter(now.plus(SKEW))) {
            parameters.reject(END, "must not be in the future (the gateway's clock says " + now + ")");
        } else {
            return new TimeRange(from, to, null);
        }
        return fallback;
    }

    private static TimeRange last(String lookback, Instant now) {
        return new TimeRange(now.minus(LOOKBACKS.getOrDefault(lookback, LOOKBACKS.get("1h"))), now, lookback);
    }

    private static Instant instant(QueryParameters parameters, String field, String text) {
        if (!RFC_3339.matcher(text).matches()) {
            parameters.reject(field, "must be an RFC 3339 date-time with an offset, e.g. 2026-12-05T10:00:00Z");
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notADate) {
            parameters.reject(field, "is not a date-time that exists (" + notADate.getMessage() + ")");
            return null;
        }
    }
}
