package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodig.contract.MessageCodec.MalformedMessageException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MessageCodecTest {

    private static final String TRACE_ID = "b270a680b063957d2a986300d59e7163";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The task message as the design writes it (docs/architecture.md). */
    private static final String DESIGN_TASK = """
            {
              "trace_id": "b270a680b063957d2a986300d59e7163",
              "task_id": "b270a680b063957d2a986300d59e7163",
              "domain": "google.com",
              "record_types": ["A", "AAAA"],
              "timestamp": "2025-11-18T08:03:00Z",
              "trace_context": {
                "traceparent": "00-b270a680b063957d2a986300d59e7163-e9bad991e730350b-01"
              }
            }""";

    /** The design's task plus the {@code locations} geodig adds; the base of the malformed cases. */
    private static final String DESIGN_TASK_WITH_LOCATIONS =
            DESIGN_TASK.replace("\"record_types\"", "\"locations\": [\"us-east-1\", \"eu-west-1\"], \"record_types\"");

    private static DnsTask task() {
        return new DnsTask(TRACE_ID, TRACE_ID, "google.com", List.of("A", "AAAA"),
                List.of("us-east-1", "eu-west-1", "asia-south-1"), Instant.parse("2025-11-18T08:03:00.123Z"),
                Instant.parse("2025-11-18T08:03:05.120Z"), Map.of("traceparent", "00-" + TRACE_ID + "-e9bad991e730350b-01", "tracestate", "vendor=x"));
    }

    private static DnsResult result() {
        Map<String, RecordLookup> records = new LinkedHashMap<>();
        records.put("A", new RecordLookup(Rcode.NOERROR,
                List.of(new RecordLookup.Answer("142.250.74.46", 300), new RecordLookup.Answer("142.250.74.47", 300)), 12, null));
        records.put("AAAA", new RecordLookup(Rcode.TIMEOUT, List.of(), 2000, "no answer within 2000 ms"));
        return new DnsResult(TRACE_ID, TRACE_ID, "us-east-1", "google.com", LocationStatus.PARTIAL, records, 2013, "AAAA timed out");
    }

    @Test
    void putsOneJsonDocumentInThePayloadField() {
        Map<String, String> fields = MessageCodec.encode(task());

        assertThat(fields).containsOnlyKeys(Streams.PAYLOAD_FIELD);
    }

    @Test
    void roundTripsATask() {
        DnsTask task = task();

        DnsTask decoded = MessageCodec.decodeTask(MessageCodec.encode(task));

        assertThat(decoded).isEqualTo(task);
    }

    @Test
    void writesTheTaskWithTheDesignsSnakeCaseKeys() {
        JsonNode json = JSON.readTree(MessageCodec.encode(task()).get(Streams.PAYLOAD_FIELD));

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder("trace_id", "task_id", "domain", "record_types", "locations", "timestamp", "deadline",
                        "trace_context");
        assertThat(json.get("trace_id").asString()).isEqualTo(TRACE_ID);
        assertThat(json.get("record_types").get(1).asString()).isEqualTo("AAAA");
        // ISO-8601 text, as in the design, not epoch numbers.
        assertThat(json.get("timestamp").isString()).isTrue();
        assertThat(Instant.parse(json.get("timestamp").asString())).isEqualTo(task().timestamp());
        // The deadline is written the same way: an absolute instant, so time spent queued counts against it.
        assertThat(json.get("deadline").asString()).isEqualTo("2025-11-18T08:03:05.120Z");
        assertThat(json.get("trace_context").get("traceparent").asString()).startsWith("00-" + TRACE_ID);
    }

    @Test
    void roundTripsAResult() {
        DnsResult result = result();

        DnsResult decoded = MessageCodec.decodeResult(MessageCodec.encode(result));

        assertThat(decoded).isEqualTo(result);
        assertThat(decoded.records()).containsOnlyKeys("A", "AAAA");
        assertThat(decoded.records().keySet()).containsExactly("A", "AAAA");
    }

    @Test
    void aLookupsClientSubnetAndItsScopeGoOnTheWireAndComeBack() {
        RecordLookup tailored = new RecordLookup(Rcode.NOERROR, List.of(new RecordLookup.Answer("192.0.2.10", 60)), 4, null,
                new RecordLookup.ClientSubnet("192.0.2.0/24", 24));
        RecordLookup ignored = new RecordLookup(Rcode.NOERROR, List.of(new RecordLookup.Answer("192.0.2.10", 60)), 4, null,
                new RecordLookup.ClientSubnet("192.0.2.0/24", null));
        DnsResult result = new DnsResult("t-1", "b270a680b063957d2a986300d59e7163", "us-east-1", "www.geodig.test",
                LocationStatus.SUCCESS, new LinkedHashMap<>(Map.of("A", tailored, "AAAA", ignored)), 4, null);

        Map<String, String> fields = MessageCodec.encode(result);
        JsonNode records = JSON.readTree(fields.get(Streams.PAYLOAD_FIELD)).get("records");

        assertThat(records.get("A").get("ecs").get("subnet").asString()).isEqualTo("192.0.2.0/24");
        assertThat(records.get("A").get("ecs").get("scope_prefix").asInt()).isEqualTo(24);
        assertThat(records.get("AAAA").get("ecs").get("scope_prefix").isNull()).as("no option in the answer").isTrue();
        assertThat(MessageCodec.decodeResult(fields)).isEqualTo(result);
    }

    @Test
    void writesTheResultWithTheDesignsSnakeCaseKeys() {
        JsonNode json = JSON.readTree(MessageCodec.encode(result()).get(Streams.PAYLOAD_FIELD));

        assertThat(json.propertyNames()).containsExactlyInAnyOrder(
                "task_id", "trace_id", "location", "domain", "status", "records", "processing_time_ms", "error");
        assertThat(json.get("processing_time_ms").asLong()).isEqualTo(2013);
        JsonNode a = json.get("records").get("A");
        assertThat(a.propertyNames()).containsExactlyInAnyOrder("rcode", "answers", "duration_ms", "error", "ecs");
        assertThat(a.get("answers").get(0).propertyNames()).containsExactlyInAnyOrder("value", "ttl");
        assertThat(a.get("answers").get(0).get("ttl").asLong()).isEqualTo(300);
    }

    @Test
    void decodesTheDesignsTaskWithTheLocationsGeodigAdds() {
        DnsTask task = MessageCodec.decodeTask(Map.of(Streams.PAYLOAD_FIELD, DESIGN_TASK_WITH_LOCATIONS));

        assertThat(task.traceId()).isEqualTo(TRACE_ID);
        assertThat(task.taskId()).isEqualTo(TRACE_ID);
        assertThat(task.domain()).isEqualTo("google.com");
        assertThat(task.recordTypes()).containsExactly("A", "AAAA");
        assertThat(task.locations()).containsExactly("us-east-1", "eu-west-1");
        assertThat(task.timestamp()).isEqualTo(Instant.parse("2025-11-18T08:03:00Z"));
        assertThat(task.traceContext())
                .containsExactly(Map.entry("traceparent", "00-b270a680b063957d2a986300d59e7163-e9bad991e730350b-01"));
        assertThat(task.isFor("us-east-1")).isTrue();
        assertThat(task.isFor("asia-south-1")).isFalse();
    }

    @Test
    void aTaskExpiresAtItsDeadlineAndATaskWithoutOneNever() {
        DnsTask task = task();
        DnsTask designs = MessageCodec.decodeTask(Map.of(Streams.PAYLOAD_FIELD, DESIGN_TASK));

        assertThat(task.expiredAt(task.deadline().minusMillis(1))).isFalse();
        assertThat(task.expiredAt(task.deadline())).isTrue();
        assertThat(task.expiredAt(task.deadline().plusSeconds(3600))).isTrue();
        // The design's task has no deadline: it is read as before and never counts as expired.
        assertThat(designs.deadline()).isNull();
        assertThat(designs.expiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void readsTheDesignsLiteralTaskAsATaskForEveryLocation() {
        // The design's task has no "locations" (geodig adds them): a producer written against the design
        // still fans out to every location, as the design intends.
        DnsTask task = MessageCodec.decodeTask(Map.of(Streams.PAYLOAD_FIELD, DESIGN_TASK));
        assertThat(task.locations()).isEmpty();
        assertThat(task.isFor("us-east-1")).isTrue();
        assertThat(task.isFor("asia-south-1")).isTrue();
        assertThat(task.domain()).isEqualTo("google.com");
    }

    @Test
    void decodesTheDesignsResultShape() {
        String designResult = """
                {"task_id": "%1$s", "trace_id": "%1$s", "location": "us-east-1", "domain": "google.com",
                 "status": "success", "records": {"A": {"rcode": "NOERROR", "answers": [{"value": "142.250.74.46", "ttl": 300}],
                 "duration_ms": 5}}, "processing_time_ms": 32}""".formatted(TRACE_ID);

        DnsResult result = MessageCodec.decodeResult(Map.of(Streams.PAYLOAD_FIELD, designResult));

        assertThat(result.location()).isEqualTo("us-east-1");
        assertThat(result.status()).isEqualTo(LocationStatus.SUCCESS);
        assertThat(result.processingTimeMs()).isEqualTo(32);
        assertThat(result.error()).isNull();
        assertThat(result.records().get("A").answers()).containsExactly(new RecordLookup.Answer("142.250.74.46", 300));
    }

    @Test
    void readsAResponseCodeWithoutANameAsUnassigned() {
        String payload = MessageCodec.encode(result()).get(Streams.PAYLOAD_FIELD).replace("\"NOERROR\"", "\"RESERVED12\"");

        DnsResult decoded = MessageCodec.decodeResult(Map.of(Streams.PAYLOAD_FIELD, payload));

        assertThat(payload).contains("RESERVED12");
        assertThat(decoded.records().get("A").rcode()).isEqualTo(Rcode.UNASSIGNED);
        assertThat(decoded.records().get("AAAA").rcode()).isEqualTo(Rcode.TIMEOUT);
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String newer = MessageCodec.encode(task()).get(Streams.PAYLOAD_FIELD)
                .replace("\"domain\"", "\"priority\":7,\"extra\":{\"nested\":[1,2]},\"domain\"");

        DnsTask task = MessageCodec.decodeTask(Map.of(Streams.PAYLOAD_FIELD, newer, "other-field", "ignored"));

        assertThat(newer).contains("priority");
        assertThat(task).isEqualTo(task());
    }

    static Stream<Arguments> malformedTasks() {
        Function<String, Map<String, String>> payload = p -> Map.of(Streams.PAYLOAD_FIELD, p);
        Map<String, String> nullMap = null;
        Map<String, String> nullPayload = new HashMap<>();
        nullPayload.put(Streams.PAYLOAD_FIELD, null);
        return Stream.of(
                arguments("no fields at all", nullMap),
                arguments("no payload field", Map.of("data", DESIGN_TASK_WITH_LOCATIONS)),
                arguments("payload field null", nullPayload),
                arguments("payload not JSON", payload.apply("not json")),
                arguments("payload empty", payload.apply("")),
                arguments("payload truncated", payload.apply(DESIGN_TASK_WITH_LOCATIONS.substring(0, 40))),
                arguments("payload JSON null", payload.apply("null")),
                arguments("payload a JSON array", payload.apply("[]")),
                arguments("payload a JSON string", payload.apply("\"task\"")),
                arguments("empty object", payload.apply("{}")),
                arguments("missing trace_id", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("\"trace_id\": \"" + TRACE_ID + "\",", ""))),
                arguments("missing domain", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("\"domain\": \"google.com\",", ""))),
                arguments("record_types a string", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("[\"A\", \"AAAA\"]", "\"A\""))),
                arguments("record_types an object", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("[\"A\", \"AAAA\"]", "{\"A\": 1}"))),
                arguments("trace_context a list", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replaceFirst("\\{\\s*\"traceparent\"[^}]*}", "[1]"))),
                arguments("locations a string", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("[\"us-east-1\", \"eu-west-1\"]", "\"us-east-1\""))),
                arguments("timestamp not a time", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("2025-11-18T08:03:00Z", "yesterday"))),
                arguments("deadline not a time", payload.apply(DESIGN_TASK_WITH_LOCATIONS.replace("\"record_types\"", "\"deadline\": \"soon\", \"record_types\""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTasks")
    void rejectsAMalformedTask(String what, Map<String, String> fields) {
        assertThatThrownBy(() -> MessageCodec.decodeTask(fields)).isInstanceOf(MalformedMessageException.class);
    }

    static Stream<Arguments> malformedResults() {
        String valid = MessageCodec.encode(result()).get(Streams.PAYLOAD_FIELD);
        return Stream.of(
                arguments("not JSON", "{{"),
                arguments("JSON null", "null"),
                arguments("missing trace_id", valid.replace("\"trace_id\":\"" + TRACE_ID + "\",", "")),
                arguments("missing location", valid.replace("\"location\":\"us-east-1\",", "")),
                arguments("missing status", valid.replace("\"status\":\"partial\",", "")),
                arguments("status not a status", valid.replace("\"status\":\"partial\",", "\"status\":\"fine\",")),
                arguments("records a list", valid.replaceFirst("\"records\":\\{.*},\"processing_time_ms\"", "\"records\":[],\"processing_time_ms\"")),
                arguments("processing_time_ms a word", valid.replace("\"processing_time_ms\":2013", "\"processing_time_ms\":\"slow\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResults")
    void rejectsAMalformedResult(String what, String payload) {
        assertThat(payload).isNotEqualTo(MessageCodec.encode(result()).get(Streams.PAYLOAD_FIELD));

        assertThatThrownBy(() -> MessageCodec.decodeResult(Map.of(Streams.PAYLOAD_FIELD, payload)))
                .isInstanceOf(MalformedMessageException.class);
    }
}
