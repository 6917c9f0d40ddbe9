package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas in {@code docs/schemas} are the documented wire format. These tests encode real
 * messages with {@link MessageCodec} and validate them, so the documentation cannot drift from the
 * code unnoticed, and they check that the schemas reject what the code would reject.
 */
class MessageSchemaTest {

    private static final String TRACE_ID = "b270a680b063957d2a986300d59e7163";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /**
     * Loaded from the test classpath (the build copies {@code docs/schemas} there), so a relative
     * {@code $ref} to a sibling schema resolves locally, never over a network.
     */
    private static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + file));
    }

    private static List<Error> validate(String schemaFile, String json) {
        return schema(schemaFile).validate(json, InputFormat.JSON);
    }

    private static String payload(Object message) {
        return MessageCodec.encode(message).get(Streams.PAYLOAD_FIELD);
    }

    static DnsTask task() {
        return new DnsTask(TRACE_ID, TRACE_ID, "www.geodig.test", List.of("A", "AAAA"), List.of("us-east-1", "eu-west-1"),
                Instant.parse("2025-11-18T08:03:00Z"), Instant.parse("2025-11-18T08:03:05Z"),
                Map.of("traceparent", "00-" + TRACE_ID + "-e9bad991e730350b-01", "tracestate", "vendor=x"));
    }

    static DnsResult result() {
        Map<String, RecordLookup> records = new LinkedHashMap<>();
        records.put("A", new RecordLookup(Rcode.NOERROR, List.of(new RecordLookup.Answer("192.0.2.10", 60)), 3, null));
        records.put("MX", new RecordLookup(Rcode.NODATA, List.of(), 2, null));
        records.put("TXT", new RecordLookup(Rcode.TIMEOUT, List.of(), 2000, "timed out after 2000 ms"));
        return new DnsResult(TRACE_ID, TRACE_ID, "us-east-1", "www.geodig.test", LocationStatus.PARTIAL, records, 2004, null);
    }

    @Test
    void anEncodedTaskMatchesItsSchema() {
        assertThat(validate("dns-task.schema.json", payload(task()))).isEmpty();
    }

    @Test
    void theDesignsTaskExampleMatchesTheSchema() {
        String designTask = """
                {"trace_id":"b270a680b063957d2a986300d59e7163","task_id":"b270a680b063957d2a986300d59e7163",
                 "domain":"google.com","record_types":["A","AAAA"],
                 "timestamp":"2025-11-18T08:03:00Z",
                 "trace_context":{"traceparent":"00-b270a680b063957d2a986300d59e7163-e9bad991e730350b-01"}}""";
        assertThat(validate("dns-task.schema.json", designTask)).isEmpty();
    }

    @Test
    void aTaskWithoutADeadlineLeavesTheFieldOutAndStillMatches() {
        DnsTask full = task();
        DnsTask withoutDeadline = new DnsTask(full.traceId(), full.taskId(), full.domain(), full.recordTypes(), full.locations(),
                full.timestamp(), null, full.traceContext());

        assertThat(payload(withoutDeadline)).doesNotContain("deadline");
        assertThat(validate("dns-task.schema.json", payload(withoutDeadline))).isEmpty();
    }

    @Test
    void anEncodedResultMatchesItsSchema() {
        assertThat(validate("dns-result.schema.json", payload(result()))).isEmpty();
    }

    @Test
    void aReportMatchesItsSchema() {
        Map<String, LookupReport.LocationReport> results = new LinkedHashMap<>();
        results.put("us-east-1", LookupReport.LocationReport.of(result()));
        results.put("eu-west-1", LookupReport.LocationReport.timedOut(5000));
        LookupReport report = new LookupReport(TRACE_ID, LookupStatus.PARTIAL, "www.geodig.test", List.of("A", "MX", "TXT"), results, 5003);
        assertThat(validate("lookup-report.schema.json", payload(report))).isEmpty();
    }

    @Test
    void aTraceViewMatchesItsSchema() {
        TraceView.SpanRow root = new TraceView.SpanRow("a1b2c3d4e5f60718", null, "POST /api/v1/dns/lookup", "dns-gateway",
                TraceView.Kind.SERVER, 0, 0, 14210, TraceView.Status.UNSET, null,
                Map.of("http.request.method", "POST", "http.response.status_code", 200L), List.of(), 0);
        TraceView.SpanRow child = new TraceView.SpanRow("0718a1b2c3d4e5f6", "a1b2c3d4e5f60718", "orchestrate_dns_lookup",
                "dns-orchestrator", TraceView.Kind.INTERNAL, 1, 120, 9000, TraceView.Status.ERROR, "IllegalStateException",
                Map.of("error.type", "java.lang.IllegalStateException"),
                List.of(new TraceView.Event("feature_flag.evaluation", 7900, Map.of("feature_flag.key", "orchestrator-delay",
                                "feature_flag.result.variant", "on")),
                        new TraceView.Event("exception", 8000, Map.of("exception.type", "java.lang.IllegalStateException"))), 3);
        TraceView view = new TraceView(TRACE_ID, "2026-11-26T14:03:01.123456Z", 14210, List.of("dns-gateway", "dns-orchestrator"),
                2, List.of(root, child), null);

        assertThat(validate("trace-view.schema.json", payload(view))).isEmpty();
        assertThat(payload(view)).contains("\"events_dropped\":3");
        assertThat(validate("trace-view.schema.json", payload(view).replace("\"server\"", "\"SPAN_KIND_SERVER\""))).isNotEmpty();
        assertThat(validate("trace-view.schema.json", payload(view).replace("\"events_dropped\":3", "\"events_dropped\":-1"))).isNotEmpty();
    }

    @Test
    void aTraceListMatchesItsSchema() {
        TraceList.TraceSummary partial = new TraceList.TraceSummary(TRACE_ID, "2026-12-05T10:00:00.123Z", 5012.345,
                new TraceList.RootSpan("dns-gateway", "POST /api/v1/dns/lookup"), "www.geodig.test", "partial", 25,
                List.of("dns-gateway", "dns-orchestrator", "dns-worker-us-east-1", "dns-worker-eu-west-1"), 0);
        TraceList.TraceSummary unreached = new TraceList.TraceSummary("0af7651916cd43dd8448eb211c80319c",
                "2026-12-05T09:59:58.000Z", 3.5, new TraceList.RootSpan("dns-gateway", "POST /api/v1/dns/lookup"), null, null,
                2, List.of("dns-gateway"), 2);
        TraceList list = new TraceList(List.of(partial, unreached), 20, true, 2);

        assertThat(payload(list)).contains("\"domain\":null", "\"lookup_status\":null");
        assertThat(validate("trace-list.schema.json", payload(list))).isEmpty();
        assertThat(validate("trace-list.schema.json", payload(list).replace("2026-12-05T10:00:00.123Z", "2026-12-05T10:00:00Z"))).isNotEmpty();
        assertThat(validate("trace-list.schema.json", payload(list).replace("\"span_count\":25", "\"spans\":25"))).isNotEmpty();
        assertThat(validate("trace-list.schema.json", payload(new TraceList(List.of(), 201, true, 0)))).isNotEmpty();
    }

    @Test
    void theDesignsRequestMatchesTheRequestSchema() {
        String designRequest = """
                {"domain":"google.com","locations":["us-east-1","eu-west-1","asia-south-1"],"record_types":["A","AAAA"]}""";
        assertThat(validate("lookup-request.schema.json", designRequest)).isEmpty();
    }

    @Test
    void theSchemasNameEveryStatusAndResponseCodeTheCodeHas() {
        JsonNode result = schemaJson("dns-result.schema.json");
        JsonNode report = schemaJson("lookup-report.schema.json");

        assertThat(strings(result.at("/$defs/rcode/enum"))).containsExactlyElementsOf(
                Arrays.stream(Rcode.values()).map(Rcode::name).toList());
        assertThat(strings(result.at("/properties/status/enum"))).containsExactlyElementsOf(
                Arrays.stream(LocationStatus.values()).filter(s -> s != LocationStatus.TIMEOUT).map(LocationStatus::wireName).toList());
        assertThat(strings(report.at("/properties/results/additionalProperties/properties/status/enum"))).containsExactlyElementsOf(
                Arrays.stream(LocationStatus.values()).map(LocationStatus::wireName).toList());
        assertThat(strings(report.at("/properties/status/enum"))).containsExactlyElementsOf(
                Arrays.stream(LookupStatus.values()).map(LookupStatus::wireName).toList());
    }

    private static JsonNode schemaJson(String file) {
        try (InputStream in = MessageSchemaTest.class.getResourceAsStream("/schemas/" + file)) {
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void theSchemasRejectWhatTheCodeRejects() {
        assertThat(validate("dns-task.schema.json", payload(task()).replace("\"trace_id\"", "\"traceId\""))).isNotEmpty();
        assertThat(validate("dns-task.schema.json", payload(task()).replace("\"AAAA\"", "\"ANY\""))).isNotEmpty();
        assertThat(validate("dns-task.schema.json", payload(task()).replace("\"2025-11-18T08:03:05Z\"", "5000"))).isNotEmpty();
        assertThat(validate("dns-result.schema.json", payload(result()).replace("\"partial\"", "\"fine\""))).isNotEmpty();
        assertThat(validate("dns-result.schema.json", payload(result()).replace("\"NODATA\"", "\"NO_DATA\""))).isNotEmpty();
        assertThat(validate("lookup-request.schema.json", "{\"domain\":\"a.example\",\"record_type\":[\"A\"]}")).isNotEmpty();
        assertThat(validate("lookup-request.schema.json", "{\"locations\":[\"us-east-1\"]}")).isNotEmpty();
        assertThat(validate("lookup-report.schema.json", payload(new LookupReport(TRACE_ID, LookupStatus.SUCCESS, "a.example",
                List.of("A"), Map.of("us-east-1", LookupReport.LocationReport.of(result())), 1))
                .replace("\"verdict\":\"same\"", "\"verdict\":\"mostly\""))).isNotEmpty();
    }
}
