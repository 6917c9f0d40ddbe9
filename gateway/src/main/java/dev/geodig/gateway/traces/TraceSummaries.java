package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceList;
import dev.geodig.contract.TraceList.RootSpan;
import dev.geodig.contract.TraceList.TraceSummary;
import dev.geodig.contract.TraceView.Status;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.telemetry.SpanNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traces of one search, summarized one line each as their spans stream in from Jaeger, then filtered by
 * what Jaeger's search cannot ask (tags on any span, the trace's duration, the lookup's status), newest first.
 *
 * <p>Only what a summary needs is kept of each span (ids, service, name, start, two attributes), so a
 * search over a thousand traces holds a few megabytes, not Jaeger's whole answer.
 */
final class TraceSummaries {

    private static final String DOMAIN = SpanAttributes.DNS_DOMAIN.getKey();
    private static final String RESULT_STATUS = SpanAttributes.RESULT_STATUS.getKey();
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final TraceSearch search;
    private final Map<String, Trace> traces = new LinkedHashMap<>();

    TraceSummaries(TraceSearch search) {
        this.search = search;
    }

    /** One span of the answer, of any trace. */
    void add(OtlpSpan span) {
        traces.computeIfAbsent(span.traceId(), id -> new Trace(id, search.tags().size())).add(span, search.tags());
    }

    /** How many traces Jaeger's answer held. */
    int read() {
        return traces.size();
    }

    /**
     * The answer: the traces that match, newest first, at most the search's limit.
     *
     * @param depth how many traces Jaeger was asked for: an answer that many long may have left older ones out
     */
    TraceList list(int depth) {
        List<TraceSummary> matching = traces.values().stream()
                .filter(this::matches)
                .sorted(Comparator.comparingLong(Trace::start).reversed().thenComparing(Trace::id))
                .map(Trace::summary)
                .toList();
        boolean complete = traces.size() < depth && matching.size() <= search.limit();
        return new TraceList(matching.subList(0, Math.min(search.limit(), matching.size())), search.limit(), complete,
                traces.size());
    }

    private boolean matches(Trace trace) {
        for (int i = 0; i < search.tags().size(); i++) {
            TagFilter tag = search.tags().get(i);
            if (tag.isError() ? !tag.matchesErrors(trace.errorSpans) : !trace.tagsMatched[i]) {
                return false;
            }
        }
        Duration duration = Duration.ofNanos(trace.end - trace.start);
        if (search.minDuration() != null && duration.compareTo(search.minDuration()) < 0) {
            return false;
        }
        if (search.maxDuration() != null && duration.compareTo(search.maxDuration()) > 0) {
            return false;
        }
        return search.lookupStatus() == null || search.lookupStatus().equals(trace.summary().lookupStatus());
    }

    /** As much of a span as its trace's summary needs. */
    private record SpanFacts(String spanId, String parentSpanId, String service, String name, long start,
            String domain, String resultStatus) {
    }

    /** One trace, summed up span by span. */
    private static final class Trace {
        private final String id;
        private final boolean[] tagsMatched;
        private final List<SpanFacts> spans = new ArrayList<>();
        private final Map<String, Long> serviceStarts = new HashMap<>();
        private long start = Long.MAX_VALUE;
        private long end = Long.MIN_VALUE;
        private int errorSpans;
        private TraceSummary summary;

        Trace(String id, int tags) {
            this.id = id;
            this.tagsMatched = new boolean[tags];
        }

        String id() {
            return id;
        }

        long start() {
            return start;
        }

        void add(OtlpSpan span, List<TagFilter> tags) {
            spans.add(new SpanFacts(span.spanId(), span.parentSpanId(), span.service(), span.name(), span.startNanos(),
                    span.attributeText(DOMAIN), span.attributeText(RESULT_STATUS)));
            serviceStarts.merge(span.service(), span.startNanos(), Math::min);
            start = Math.min(start, span.startNanos());
            end = Math.max(end, span.endNanos());
            if (span.status() == Status.ERROR) {
                errorSpans++;
            }
            for (int i = 0; i < tags.size(); i++) {
                tagsMatched[i] |= tags.get(i).matches(span);
            }
            summary = null;
        }

        TraceSummary summary() {
            if (summary == null) {
                summary = summarize();
            }
            return summary;
        }

        private TraceSummary summarize() {
            SpanFacts root = root();
            SpanFacts orchestrate = spans.stream().filter(span -> span.name().equals(SpanNames.ORCHESTRATE_DNS_LOOKUP))
                    .min(Comparator.comparingLong(SpanFacts::start)).orElse(null);
            String domain = firstOf(orchestrate == null ? null : orchestrate.domain(), root.domain(),
                    spans.stream().filter(span -> span.domain() != null).min(Comparator.comparingLong(SpanFacts::start))
                            .map(SpanFacts::domain).orElse(null));
            String lookupStatus = firstOf(orchestrate == null ? null : orchestrate.resultStatus(), root.resultStatus(), null);
            List<String> services = serviceStarts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey)
                    .toList();
            return new TraceSummary(id, MILLIS.format(Instant.EPOCH.plusNanos(start)), Math.round((end - start) / 1_000.0) / 1_000.0,
                    new RootSpan(root.service(), root.name()), domain, lookupStatus, spans.size(), services, errorSpans);
        }

        /** The earliest span whose parent is not in the trace (none at all, or one that has not arrived). */
        private SpanFacts root() {
            Set<String> ids = new HashSet<>();
            spans.forEach(span -> ids.add(span.spanId()));
            Comparator<SpanFacts> earliest = Comparator.comparingLong(SpanFacts::start).thenComparing(SpanFacts::spanId);
            return spans.stream()
                    .filter(span -> span.parentSpanId() == null || !ids.contains(span.parentSpanId()))
                    .min(earliest)
                    // Only spans on a parent cycle (broken data): the earliest of them.
                    .orElseGet(() -> spans.stream().min(earliest).orElseThrow());
        }

        private static String firstOf(String first, String second, String third) {
            return first != null ? first : second != null ? second : third;
        }
    }
}
