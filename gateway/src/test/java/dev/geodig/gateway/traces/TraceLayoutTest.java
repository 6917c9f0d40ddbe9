package dev.geodig.gateway.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.SpanRow;
import dev.geodig.contract.TraceView.Status;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waterfall layout from OTLP JSON as Jaeger's API v3 writes it: tree order, depth, one time axis,
 * OTLP's encodings (64-bit numbers as strings, enums as numbers or names), and spans whose parent has
 * not arrived yet.
 */
class TraceLayoutTest {

    private static final TraceId TRACE = TraceId.parse("4bf92f3577b34da6a3ce929d0e0e4736");
    private static final long T0 = 1_795_702_127_000_000_000L;

    private static String span(String id, String parent, String name, Object kind, long startUs, long endUs, String extra) {
        return """
                {"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"%s",%s"name":"%s","kind":%s,
                 "startTimeUnixNano":"%d","endTimeUnixNano":"%d"%s}"""
                .formatted(id, parent == null ? "" : "\"parentSpanId\":\"" + parent + "\",", name,
                        kind instanceof String s ? "\"" + s + "\"" : kind, T0 + startUs * 1000, T0 + endUs * 1000,
                        extra == null ? "" : "," + extra);
    }

    private static List<JsonNode> resourceSpans(String service, String... spans) {
        String json = """
                [{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
                  "scopeSpans":[{"scope":{"name":"test"},"spans":[%s]}]}]""".formatted(service, String.join(",", spans));
        return JsonMapper.shared().readTree(json).valueStream().toList();
    }

    @Test
    void spansComeDepthFirstWithChildrenInStartOrderOnTheTracesTimeAxis() {
        List<JsonNode> gateway = resourceSpans("dns-gateway",
                span("00000000000000a1", null, "POST /api/v1/dns/lookup", 2, 0, 1000, null),
                span("00000000000000a3", "00000000000000a1", "second", 1, 600, 900, null),
                span("00000000000000a2", "00000000000000a1", "POST", 3, 100, 500, null));
        List<JsonNode> worker = resourceSpans("dns-worker-us-east-1",
                span("00000000000000b1", "00000000000000a2", "process_dns_task", "SPAN_KIND_CONSUMER", 200, 450, null));

        TraceView view = TraceLayout.of(TRACE, concat(gateway, worker), null);

        assertThat(view.spans()).extracting(SpanRow::name, SpanRow::depth)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST /api/v1/dns/lookup", 0),
                        org.assertj.core.groups.Tuple.tuple("POST", 1),
                        org.assertj.core.groups.Tuple.tuple("process_dns_task", 2),
                        org.assertj.core.groups.Tuple.tuple("second", 1));
        assertThat(view.spans()).extracting(SpanRow::kind)
                .containsExactly(Kind.SERVER, Kind.CLIENT, Kind.CONSUMER, Kind.INTERNAL);
        assertThat(view.spans()).extracting(SpanRow::startOffsetUs).containsExactly(0L, 100L, 200L, 600L);
        assertThat(view.spans()).extracting(SpanRow::durationUs).containsExactly(1000L, 400L, 250L, 300L);
        assertThat(view.durationUs()).isEqualTo(1000);
        assertThat(view.services()).containsExactly("dns-gateway", "dns-worker-us-east-1");
        assertThat(view.spanCount()).isEqualTo(4);
        assertThat(view.startTime()).isEqualTo("2026-11-26T14:08:47Z");
    }

    @Test
    void aSpanWhoseParentHasNotArrivedIsARootOfItsOwn() {
        List<JsonNode> worker = resourceSpans("dns-worker-eu-west-1",
                span("00000000000000c2", "00000000000000c1", "lookup_a_record", 1, 50, 80, null),
                span("00000000000000c1", "00000000000000ff", "lookup_all_records", 1, 40, 90, null));

        TraceView view = TraceLayout.of(TRACE, worker, null);

        assertThat(view.spans()).extracting(SpanRow::name, SpanRow::depth, SpanRow::parentSpanId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lookup_all_records", 0, "00000000000000ff"),
                        org.assertj.core.groups.Tuple.tuple("lookup_a_record", 1, "00000000000000c1"));
        assertThat(view.spans().getFirst().startOffsetUs()).isZero();
    }

    @Test
    void attributesStatusAndEventsKeepTheirTypes() {
        String extra = """
                "attributes":[{"key":"dns.answer_count","value":{"intValue":"2"}},{"key":"ok","value":{"boolValue":true}},
                              {"key":"args","value":{"arrayValue":{"values":[{"stringValue":"-jar"}]}}}],
                "status":{"code":2,"message":"IllegalStateException"},
                "events":[{"timeUnixNano":"%d","name":"exception","attributes":[{"key":"exception.type","value":{"stringValue":"java.lang.IllegalStateException"}}]}]"""
                .formatted(T0 + 30_000);
        TraceView view = TraceLayout.of(TRACE, resourceSpans("dns-orchestrator",
                span("00000000000000d1", null, "orchestrate_dns_lookup", 1, 10, 50, extra)), "http://localhost:16686/trace/x");

        SpanRow row = view.spans().getFirst();
        assertThat(row.attributes()).containsEntry("dns.answer_count", 2L).containsEntry("ok", true)
                .containsEntry("args", List.of("-jar"));
        assertThat(row.status()).isEqualTo(Status.ERROR);
        assertThat(row.statusMessage()).isEqualTo("IllegalStateException");
        assertThat(row.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).isEqualTo("exception");
            assertThat(event.offsetUs()).isEqualTo(20);
            assertThat(event.attributes()).containsEntry("exception.type", "java.lang.IllegalStateException");
        });
        assertThat(view.jaegerUiUrl()).isEqualTo("http://localhost:16686/trace/x");
    }

    @Test
    void spansOnAParentCycleInBrokenDataAreShownOnceEach() {
        TraceView view = TraceLayout.of(TRACE, resourceSpans("svc",
                span("00000000000000e1", "00000000000000e2", "one", 1, 0, 10, null),
                span("00000000000000e2", "00000000000000e1", "two", 1, 1, 10, null)), null);

        assertThat(view.spans()).extracting(SpanRow::name, SpanRow::depth).containsExactly(
                org.assertj.core.groups.Tuple.tuple("one", 0), org.assertj.core.groups.Tuple.tuple("two", 1));
    }

    private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
