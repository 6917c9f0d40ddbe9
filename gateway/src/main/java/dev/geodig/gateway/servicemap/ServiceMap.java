package dev.geodig.gateway.servicemap;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * The answer of {@code GET /api/v1/service-map}: which service called which, and through which stream, counted
 * over the traces of a time range (docs/trace-search.md says how, and why not from Jaeger's
 * dependencies).
 *
 * @param source always {@code traces}: counted from the spans of the traces read
 * @param traces how many traces were read
 * @param complete {@code false} when the range held more traces than were read (the newest {@code limit} are)
 * @param limit the most traces read, as asked (or as many as Jaeger keeps, when fewer)
 * @param start the range's start, RFC 3339
 * @param end the range's end, RFC 3339
 * @param nodes the services with a span in those traces, then the streams between them, each sorted by id
 * @param edges sorted by {@code from}, {@code to}, {@code kind}
 */
record ServiceMap(
        @JsonProperty("source") String source,
        @JsonProperty("traces") int traces,
        @JsonProperty("complete") boolean complete,
        @JsonProperty("limit") int limit,
        @JsonProperty("start") String start,
        @JsonProperty("end") String end,
        @JsonProperty("nodes") List<Node> nodes,
        @JsonProperty("edges") List<Edge> edges) {

    static final String FROM_TRACES = "traces";

    ServiceMap {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A service ({@code dns-gateway}) or a stream ({@code dns:tasks}). */
    record Node(@JsonProperty("id") String id, @JsonProperty("kind") NodeKind kind) {
    }

    /**
     * Calls from one node to another.
     *
     * @param calls how many: client spans with a server child, producer spans, consumer spans
     */
    record Edge(@JsonProperty("from") String from, @JsonProperty("to") String to, @JsonProperty("kind") EdgeKind kind,
            @JsonProperty("calls") long calls) {
    }

    enum NodeKind {
        SERVICE, STREAM;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An HTTP call (client to server), a message published to a stream, a message consumed from one. */
    enum EdgeKind {
        HTTP, PUBLISH, CONSUME;

        @JsonValue
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
