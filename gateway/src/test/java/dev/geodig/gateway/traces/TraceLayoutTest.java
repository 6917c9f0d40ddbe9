package dev.geodig.gateway.traces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.Event;
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
    void anInjectedFaultsSpanKeepsItsStatusErrorTypeExceptionAndTheFlagThatActed() {
        String extra = """
                "attributes":[{"key":"error.type","value":{"stringValue":"dev.geodig.boot.faults.InjectedFaultException"}}],
                "status":{"code":"STATUS_CODE_ERROR","message":"task failed (injected fault worker-fail eu-west-1 100 %%)"},
                "events":[{"timeUnixNano":"%d","name":"exception","attributes":[
                             {"key":"exception.type","value":{"stringValue":"dev.geodig.boot.faults.InjectedFaultException"}},
                             {"key":"exception.message","value":{"stringValue":"task failed (injected fault worker-fail eu-west-1 100 %%)"}},
                             {"key":"exception.stacktrace","value":{"stringValue":"InjectedFaultException: task failed\\n\\tat Worker.process(Worker.java:42)"}}]},
                          {"timeUnixNano":"%d","name":"feature_flag.evaluation","attributes":[
                             {"key":"feature_flag.key","value":{"stringValue":"worker-fail"}},
                             {"key":"feature_flag.result.variant","value":{"stringValue":"on-eu-west-1"}},
                             {"key":"feature_flag.result.value","value":{"stringValue":"{rate_percent=100}"}}]}]"""
                .formatted(T0 + 22_000, T0 + 21_000);
        SpanRow row = TraceLayout.of(TRACE, resourceSpans("dns-worker-eu-west-1",
                span("00000000000000f1", null, "process_dns_task", 5, 20, 40, extra)), null).spans().getFirst();

        assertThat(row.status()).isEqualTo(Status.ERROR);
        assertThat(row.statusMessage()).isEqualTo("task failed (injected fault worker-fail eu-west-1 100 %)");
        assertThat(row.attributes()).containsEntry("error.type", "dev.geodig.boot.faults.InjectedFaultException");
        assertThat(row.events()).as("in time order").extracting(Event::name).containsExactly("feature_flag.evaluation", "exception");
        assertThat(row.events().getFirst().attributes()).containsEntry("feature_flag.key", "worker-fail")
                .containsEntry("feature_flag.result.variant", "on-eu-west-1").containsEntry("feature_flag.result.value", "{rate_percent=100}");
        assertThat(row.events().getLast().attributes())
                .containsEntry("exception.message", "task failed (injected fault worker-fail eu-west-1 100 %)")
                .as("a stack trace keeps its lines").containsEntry("exception.stacktrace",
                        "InjectedFaultException: task failed\n\tat Worker.process(Worker.java:42)");
        assertThat(row.eventsDropped()).isZero();
    }

    @Test
    void aRowListsTheFirstSixteenEventsAndCountsTheRestWithThoseItsSdkDropped() {
        List<String> events = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "{\"timeUnixNano\":\"%d\",\"name\":\"event-%02d\"}".formatted(T0 + (40 - i) * 1000L, 19 - i))
                .toList();
        String extra = "\"droppedEventsCount\":3,\"events\":[" + String.join(",", events) + "]";

        SpanRow row = TraceLayout.of(TRACE, resourceSpans("svc", span("00000000000000f2", null, "busy", 1, 0, 50, extra)), null)
                .spans().getFirst();

        assertThat(row.events()).hasSize(SpanRow.MAX_EVENTS);
        assertThat(row.events()).extracting(Event::name).startsWith("event-00", "event-01").endsWith("event-15");
        assertThat(row.eventsDropped()).as("3 dropped by the SDK, 4 beyond the 16 listed").isEqualTo(7);
    }

    @Test
    void textFromASpanIsShownPrintableAndBounded() {
        String longValue = "x".repeat(TraceLayout.MAX_VALUE_LENGTH + 10);
        String extra = """
                "attributes":[{"key":"long","value":{"stringValue":"%s"}},
                              {"key":"list","value":{"arrayValue":{"values":[{"stringValue":"a\\u001b[2Jb"},{"intValue":"7"}]}}}],
                "status":{"code":2,"message":"boom\\u001b]0;pwned\\u0007 \\u202egnp.exe"},
                "events":[{"timeUnixNano":"%d","name":"exce\\nption","attributes":[{"key":"k\\u0000ey","value":{"stringValue":"v\\u200b"}}]}]"""
                .formatted(longValue, T0 + 1000);

        SpanRow row = TraceLayout.of(TRACE, resourceSpans("svc", span("00000000000000f3", null, "loud", 1, 0, 50, extra)), null)
                .spans().getFirst();

        assertThat(row.statusMessage()).isEqualTo("boom\uFFFD]0;pwned\uFFFD \uFFFDgnp.exe");
        assertThat((String) row.attributes().get("long")).startsWith("x".repeat(TraceLayout.MAX_VALUE_LENGTH))
                .endsWith(" … (10 more characters not shown)");
        assertThat(row.attributes().get("list")).isEqualTo(List.of("a\uFFFD[2Jb", 7L));
        assertThat(row.events()).singleElement().satisfies(event -> {
            assertThat(event.name()).as("a name is one line").isEqualTo("exce\uFFFDption");
            assertThat(event.attributes()).containsExactly(org.assertj.core.api.Assertions.entry("k\uFFFDey", "v\uFFFD"));
        });
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
