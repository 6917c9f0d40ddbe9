package dev.geodig.gateway.traces;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code GET /api/v1/traces} asks for, read and checked from its query string. Every parameter is
 * checked before Jaeger is asked anything, and every fault is answered at once, each naming its parameter.
 *
 * @param service the service a trace must have a span of ({@link #DEFAULT_SERVICE} when not given)
 * @param operation the name that span must have; {@code null}: any
 * @param tags attributes some span of the trace must have, all of them (not necessarily on one span)
 * @param lookupStatus the lookup's status the trace must have (its summary's {@code lookup_status}); {@code null}: any
 * @param minDuration the trace must last at least this long; {@code null}: no lower bound
 * @param maxDuration the trace must last at most this long; {@code null}: no upper bound
 * @param range when a span of {@code service} started
 * @param limit the most traces to answer with
 */
record TraceSearch(String service, String operation, List<TagFilter> tags, String lookupStatus, Duration minDuration,
        Duration maxDuration, TimeRange range, int limit) {

    static final String DEFAULT_SERVICE = "dns-gateway";
    static final String DEFAULT_LOOKBACK = "1h";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;
    static final int MAX_TAGS = 10;
    static final int MAX_OPERATION_LENGTH = 200;
    static final Duration MAX_DURATION = Duration.ofHours(24);

    static final String SERVICE = "service";
    static final String OPERATION = "operation";
    static final String TAG = "tag";
    static final String LOOKUP_STATUS = "lookup_status";
    static final String MIN_DURATION = "min_duration";
    static final String MAX_DURATION_PARAMETER = "max_duration";
    static final String LIMIT = "limit";
    static final Set<String> PARAMETERS = Set.of(SERVICE, OPERATION, TAG, LOOKUP_STATUS, MIN_DURATION,
            MAX_DURATION_PARAMETER, TimeRange.LOOKBACK, TimeRange.START, TimeRange.END, LIMIT);

    private static final Pattern LOOKUP_STATUS_VALUE = Pattern.compile("[a-z_]{1,32}");

    TraceSearch {
        tags = List.copyOf(tags);
    }

    /** The search {@code rawQuery} asks for at {@code now}, or a 400 problem naming every parameter at fault. */
    static TraceSearch parse(String rawQuery, Instant now) {
        QueryParameters parameters = QueryParameters.parse(rawQuery, PARAMETERS);
        String service = parameters.single(SERVICE).orElse(DEFAULT_SERVICE);
        String serviceFault = ServiceName.fault(service);
        if (serviceFault != null) {
            parameters.reject(SERVICE, serviceFault);
        }
        String operation = parameters.single(OPERATION).orElse(null);
        if (operation != null) {
            String fault = PrintableText.fault(operation, MAX_OPERATION_LENGTH);
            if (fault != null) {
                parameters.reject(OPERATION, fault);
            }
        }
        List<TagFilter> tags = tags(parameters);
        String lookupStatus = parameters.single(LOOKUP_STATUS).orElse(null);
        if (lookupStatus != null && !LOOKUP_STATUS_VALUE.matcher(lookupStatus).matches()) {
            parameters.reject(LOOKUP_STATUS, "must be a lookup status such as success, partial or timeout");
        }
        Duration min = duration(parameters, MIN_DURATION);
        Duration max = duration(parameters, MAX_DURATION_PARAMETER);
        if (min != null && max != null && max.compareTo(min) < 0) {
            parameters.reject(MAX_DURATION_PARAMETER, "must not be less than min_duration");
        }
        TimeRange range = TimeRange.from(parameters, now, DEFAULT_LOOKBACK);
        int limit = parameters.wholeNumber(LIMIT, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.throwIfInvalid("The trace search is invalid.");
        return new TraceSearch(service, operation, tags, lookupStatus, min, max, range, limit);
    }

    /**
     * Whether the gateway filters Jaeger's answer itself: Jaeger's search (this version, this store) can take
     * neither tags over a whole trace nor a trace's duration ({@code docs/trace-search.md}).
     */
    boolean filtersInGateway() {
        return !tags.isEmpty() || lookupStatus != null || minDuration != null || maxDuration != null;
    }

    private static List<TagFilter> tags(QueryParameters parameters) {
        List<String> given = parameters.all(TAG);
        if (given.size() > MAX_TAGS) {
            parameters.reject(TAG, "is given " + given.size() + " times; at most " + MAX_TAGS + " tags");
            return List.of();
        }
        List<TagFilter> tags = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String tag : given) {
            try {
                TagFilter filter = TagFilter.parse(tag);
                if (!keys.add(filter.key())) {
                    parameters.reject(TAG, "names '" + filter.key() + "' more than once; give each key once");
                } else {
                    tags.add(filter);
                }
            } catch (IllegalArgumentException fault) {
                parameters.reject(TAG, fault.getMessage());
            }
        }
        return tags;
    }

    private static Duration duration(QueryParameters parameters, String name) {
        String text = parameters.single(name).orElse(null);
        if (text == null) {
            return null;
        }
        try {
            return GoDuration.parse(text, MAX_DURATION);
        } catch (IllegalArgumentException fault) {
            parameters.reject(name, fault.getMessage());
            return null;
        }
    }
}
