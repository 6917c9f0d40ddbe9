package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodig.contract.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The body of a lookup as the gateway and the orchestrator both read it: every way its JSON can be wrong. */
class LookupRequestReaderTest {

    private final LookupRequestReader reader = new LookupRequestReader(List.of("us-east-1", "eu-west-1", "asia-south-1"));

    /** Each case: what is wrong, the body, the field the rejection must name, a word its reason must hold. */
    static Stream<Arguments> badBodies() {
        return Stream.of(
                // not JSON, or not an object
                arguments("empty body", "", "body", "empty"),
                arguments("whitespace only", "  \n", "body", "empty"),
                arguments("unterminated object", "{", "body", "line 1"),
                arguments("not JSON at all", "domain=google.com", "body", "not valid JSON"),
                arguments("single-quoted JSON", "{'domain': 'google.com'}", "body", "not valid JSON"),
                arguments("trailing garbage", "{\"domain\": \"google.com\"} {}", "body", "JSON"),
                arguments("JSON null", "null", "body", "not null"),
                arguments("JSON true", "true", "body", "JSON object"),
                arguments("JSON array", "[\"google.com\"]", "body", "JSON object"),
                arguments("JSON string", "\"google.com\"", "body", "JSON object"),
                arguments("JSON number", "42", "body", "JSON object"),
                arguments("duplicate key", "{\"domain\": \"google.com\", \"domain\": \"evil.com\"}", "body", "domain"),
                arguments("broken on line 3", "{\n  \"domain\": \"google.com\",\n  \"locations\": [\"us-east-1\",]\n}", "body", "line 3"),
                // unknown properties: a typo must not silently mean "the defaults"
                arguments("typo record_type", "{\"domain\": \"google.com\", \"record_type\": [\"A\"]}", "record_type", "not a known property"),
                arguments("typo location", "{\"domain\": \"google.com\", \"location\": [\"us-east-1\"]}", "location", "not a known property"),
                arguments("camelCase recordTypes", "{\"domain\": \"google.com\", \"recordTypes\": [\"A\"]}", "recordTypes", "not a known property"),
                arguments("extra property", "{\"domain\": \"google.com\", \"timeout\": 5}", "timeout", "record_types"),
                // wrong JSON types
                arguments("domain a number", "{\"domain\": 123}", "domain", "JSON string"),
                arguments("domain a boolean", "{\"domain\": true}", "domain", "JSON string"),
                arguments("domain an array", "{\"domain\": [\"google.com\"]}", "domain", "JSON string"),
                arguments("domain an object", "{\"domain\": {\"name\": \"google.com\"}}", "domain", "JSON string"),
                arguments("locations a string", "{\"domain\": \"google.com\", \"locations\": \"us-east-1\"}", "locations", "JSON array"),
                arguments("locations an object", "{\"domain\": \"google.com\", \"locations\": {\"us-east-1\": true}}", "locations", "JSON array"),
                arguments("location a number", "{\"domain\": \"google.com\", \"locations\": [1]}", "locations[0]", "JSON string"),
                arguments("record_types a string", "{\"domain\": \"google.com\", \"record_types\": \"A\"}", "record_types", "JSON array"),
                arguments("record type a list", "{\"domain\": \"google.com\", \"record_types\": [\"A\", [\"AAAA\"]]}", "record_types[1]", "JSON string"),
                arguments("first record type a list", "{\"domain\": \"google.com\", \"record_types\": [[\"AAAA\"], \"A\"]}", "record_types[0]", "JSON string"),
                arguments("location an object", "{\"domain\": \"google.com\", \"locations\": [{}]}", "locations[0]", "JSON string"),
                arguments("record type a boolean", "{\"domain\": \"google.com\", \"record_types\": [true]}", "record_types[0]", "JSON string"),
                // valid JSON, invalid values: handed on to the validator
                arguments("no domain", "{}", "domain", "required"),
                arguments("domain null", "{\"domain\": null}", "domain", "required"),
                arguments("null location", "{\"domain\": \"google.com\", \"locations\": [\"us-east-1\", null]}", "locations", "null"),
                arguments("unknown location", "{\"domain\": \"google.com\", \"locations\": [\"mars-1\"]}", "locations", "unknown location"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void rejectsNamingTheFieldAndTheReason(String what, String body, String field, String reasonPart) {
        assertThat(errorsOf(body.getBytes(StandardCharsets.UTF_8)))
                .as("errors for %s", what)
                .anySatisfy(error -> {
                    assertThat(error.field()).isEqualTo(field);
                    assertThat(error.reason()).containsIgnoringCase(reasonPart);
                });
    }

    @Test
    void rejectsNoBodyAtAll() {
        assertThat(errorsOf(null)).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("body"));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] body = "{\"domain\": \"g?oogle.com\"}".getBytes(StandardCharsets.US_ASCII);
        body[13] = (byte) 0xff;

        assertThat(errorsOf(body)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("body");
            assertThat(error.reason()).contains("UTF-8");
        });
    }

    @Test
    void neverRepeatsAHugeTokenOrAControlCharacter() {
        String body = "{\"domain\": " + "x".repeat(8000) + "\u0007}";

        assertThat(errorsOf(body.getBytes(StandardCharsets.UTF_8))).singleElement().satisfies(error -> {
            assertThat(error.reason().length()).isLessThanOrEqualTo(201);
            assertThat(error.reason()).doesNotContain("\u0007");
        });
    }

    @Test
    void reportsEveryWronglyTypedFieldAtOnceBeforeAnyValue() {
        byte[] body = "{\"domain\": 1, \"locations\": \"us-east-1\", \"record_types\": [2], \"ttl\": 3}".getBytes(StandardCharsets.UTF_8);

        assertThat(errorsOf(body)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("ttl", "domain", "locations", "record_types[0]");
    }

    @Test
    void readsAValidBodyInItsNormalizedForm() {
        byte[] body = "{\"domain\": \"Bücher.DE.\", \"record_types\": [\"a\", \"mx\"]}".getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read(body)).isEqualTo(new LookupRequest("xn--bcher-kva.de",
                List.of("us-east-1", "eu-west-1", "asia-south-1"), List.of("A", "MX")));
    }

    @Test
    void readsWhatTheGatewaySendsOnUnchanged() {
        LookupRequest normalized = reader.read("{\"domain\": \"www.geodig.test\"}".getBytes(StandardCharsets.UTF_8));
        byte[] forwarded = ("{\"domain\":\"www.geodig.test\",\"locations\":[\"us-east-1\",\"eu-west-1\",\"asia-south-1\"],"
                + "\"record_types\":[\"A\",\"AAAA\",\"MX\",\"TXT\",\"NS\"]}").getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read(forwarded)).isEqualTo(normalized);
    }

    @Test
    void theAnswerToABadRequestIsA400ProblemWithEveryError() {
        InvalidLookupRequestException rejected = catchRejection("{\"domain\": \"a..b\", \"record_types\": [\"FOO\"]}".getBytes(StandardCharsets.UTF_8));

        Problem problem = rejected.problem();

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.title()).isEqualTo("Bad Request");
        assertThat(problem.detail()).isEqualTo("The lookup request is invalid.");
        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("domain", "record_types");
    }

    private List<FieldError> errorsOf(byte[] body) {
        return catchRejection(body).errors();
    }

    private InvalidLookupRequestException catchRejection(byte[] body) {
        try {
            LookupRequest accepted = reader.read(body);
            throw new AssertionError("accepted " + accepted);
        } catch (InvalidLookupRequestException e) {
            return e;
        }
    }

    @Test
    void refusesToBeBuiltWithoutLocations() {
        assertThatThrownBy(() -> new LookupRequestReader(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
