package dev.geodig.gateway.servicemap;

import dev.geodig.contract.Streams;
import dev.geodig.contract.TraceView.Kind;
import dev.geodig.gateway.servicemap.ServiceMap.Edge;
import dev.geodig.gateway.servicemap.ServiceMap.EdgeKind;
import dev.geodig.gateway.servicemap.ServiceMap.Node;
import dev.geodig.gateway.servicemap.ServiceMap.NodeKind;
import dev.geodig.gateway.traces.OtlpSpan;
import dev.geodig.gateway.traces.TimeRange;
import dev.geodig.telemetry.SpanAttributes;
import dev.geodig.telemetry.SpanNames;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts the hops of the traces Jaeger's answer streams in, trace by trace, into a {@link ServiceMap}:
 *
 * <ul>
 *   <li><b>http</b> A → B: a CLIENT span of service A with a SERVER child of service B (the agent's spans on
 *       both sides of an HTTP call);
 *   <li><b>publish</b> A → stream: a PRODUCER span of A whose {@code messaging.destination.name} is the stream;
 *   <li><b>consume</b> stream → B: a CONSUMER child of that PRODUCER span in another service B (a worker's
 *       {@code process_dns_task} under the orchestrator's {@code publish_dns_task}: the task carries its context);
 *   <li>a result on {@code dns:results} has no such child: the orchestrator reads results by trace id, outside
 *       any span of the worker's. Each one is consumed, in its trace, by the service that gathers them, the one
 *       with the {@code wait_for_results} span.
 * </ul>
 *
 * Only the spans that can make a hop are kept, a few per service per trace.
 */
final class HopCounter {

    private static final String DESTINATION = SpanAttributes.MESSAGING_DESTINATION_NAME.getKey();

    private final int maxTraces;
    private final Map<String, List<HopSpan>> traces = new LinkedHashMap<>();
    private final TreeSet<String> services = new TreeSet<>();
    private boolean moreTraces;

    /** @param maxTraces the traces counted: the first that many of the answer (Jaeger's newest); the rest only noted */
    HopCounter(int maxTraces) {
        this.maxTraces = maxTraces;
    }

    /** The part of a span a hop is made of. */
    private record HopSpan(String spanId, String parentSpanId, String service, Kind kind, String destination, String name) {
    }

    void add(OtlpSpan span) {
        List<HopSpan> spans = traces.get(span.traceId());
        if (spans == null) {
            if (traces.size() == maxTraces) {
                moreTraces = true;
                return;
            }
            spans = new ArrayList<>();
            traces.put(span.traceId(), spans);
        }
        services.add(span.service());
        if (span.kind() != Kind.INTERNAL || span.name().equals(SpanNames.WAIT_FOR_RESULTS)) {
            spans.add(new HopSpan(span.spanId(), span.parentSpanId(), span.service(), span.kind(),
                    span.attributeText(DESTINATION), span.name()));
        }
    }

    /**
     * The map of the traces counted.
     *
     * @param depth how many traces Jaeger was asked for: more than are counted tells whether the range held more;
     *     as many leaves it unknown once that many came
     */
    ServiceMap map(int depth, TimeRange range) {
        boolean complete = !moreTraces && (depth > maxTraces || traces.size() < maxTraces);
        Map<EdgeKey, Long> calls = new TreeMap<>(EdgeKey.ORDER);
        traces.values().forEach(spans -> countHops(spans, calls));
        List<Edge> edges = calls.entrySet().stream()
                .map(entry -> new Edge(entry.getKey().from(), entry.getKey().to(), entry.getKey().kind(), entry.getValue()))
                .toList();
        List<Node> nodes = new ArrayList<>();
        services.forEach(service -> nodes.add(new Node(service, NodeKind.SERVICE)));
        TreeSet<String> streams = new TreeSet<>();
        for (Edge edge : edges) {
            if (edge.kind() == EdgeKind.PUBLISH) {
                streams.add(edge.to());
            } else if (edge.kind() == EdgeKind.CONSUME) {
                streams.add(edge.from());
            }
        }
        streams.forEach(stream -> nodes.add(new Node(stream, NodeKind.STREAM)));
        return new ServiceMap(ServiceMap.FROM_TRACES, traces.size(), complete, maxTraces,
                range.start().truncatedTo(ChronoUnit.MILLIS).toString(), range.end().truncatedTo(ChronoUnit.MILLIS).toString(),
                nodes, edges);
    }

    private record EdgeKey(String from, String to, EdgeKind kind) {
        static final Comparator<EdgeKey> ORDER =
                Comparator.comparing(EdgeKey::from).thenComparing(EdgeKey::to).thenComparing(EdgeKey::kind);
    }

    private static void countHops(List<HopSpan> spans, Map<EdgeKey, Long> calls) {
        Map<String, HopSpan> byId = new HashMap<>();
        spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
        String gatherer = spans.stream().filter(span -> span.name().equals(SpanNames.WAIT_FOR_RESULTS))
                .map(HopSpan::service).findFirst().orElse(null);
        for (HopSpan span : spans) {
            HopSpan parent = span.parentSpanId() == null ? null : byId.get(span.parentSpanId());
            switch (span.kind()) {
                case SERVER -> {
                    if (parent != null && parent.kind() == Kind.CLIENT) {
                        calls.merge(new EdgeKey(parent.service(), span.service(), EdgeKind.HTTP), 1L, Long::sum);
                    }
                }
                case PRODUCER -> {
                    if (span.destination() != null) {
                        calls.merge(new EdgeKey(span.service(), span.destination(), EdgeKind.PUBLISH), 1L, Long::sum);
                        if (span.destination().equals(Streams.RESULTS) && gatherer != null) {
                            calls.merge(new EdgeKey(Streams.RESULTS, gatherer, EdgeKind.CONSUME), 1L, Long::sum);
                        }
                    }
                }
                case CONSUMER -> {
                    if (parent != null && parent.kind() == Kind.PRODUCER && parent.destination() != null
                            && !parent.destination().equals(Streams.RESULTS) && !parent.service().equals(span.service())) {
                        calls.merge(new EdgeKey(parent.destination(), span.service(), EdgeKind.CONSUME), 1L, Long::sum);
                    }
                }
                default -> {
                    // CLIENT spans count from their SERVER child; INTERNAL ones only name the gatherer.
                }
            }
        }
    }
}
