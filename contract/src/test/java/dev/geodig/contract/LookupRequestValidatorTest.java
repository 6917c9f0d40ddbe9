package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.geodig.contract.Problem.FieldError;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LookupRequestValidatorTest {

    private static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1", "asia-south-1");
    private static final String LABEL_63 = "a".repeat(63);

    private final LookupRequestValidator validator = new LookupRequestValidator(LOCATIONS);

    /** Each case: what is wrong, the request, the field the rejection must name, a word its reason must hold. */
    static Stream<Arguments> badRequests() {
        return Stream.of(
                // domain: presence and whitespace
                bad("missing domain", domain(null), "domain", "required"),
                bad("empty domain", domain(""), "domain", "required"),
                bad("blank domain", domain("   "), "domain", "required"),
                bad("tab-only domain", domain("\t"), "domain", "required"),
                bad("space inside", domain("exa mple.com"), "domain", "whitespace"),
                bad("leading space", domain(" example.com"), "domain", "whitespace"),
                bad("trailing space", domain("example.com "), "domain", "whitespace"),
                bad("trailing newline", domain("example.com\n"), "domain", "whitespace"),
                bad("NUL byte inside", domain("exa\u0000mple.com"), "domain", "control"),
                bad("escape character inside", domain("exa\u001bmple.com"), "domain", "control"),
                bad("no-break space inside", domain("exa\u00a0mple.com"), "domain", "whitespace"),
                // domain: length
                bad("254 characters", domain(nameOfLength(254)), "domain", "longer than 253"),
                bad("300 characters", domain(nameOfLength(300)), "domain", "longer than 253"),
                bad("64-character label", domain("a".repeat(64) + ".com"), "domain", "longer than 63"),
                bad("64-character internationalized label", domain("ü".repeat(64) + ".de"), "domain", "too long"),
                // domain: label structure
                bad("leading hyphen", domain("-example.com"), "domain", "hyphens"),
                bad("trailing hyphen", domain("example-.com"), "domain", "hyphens"),
                bad("hyphen-only label", domain("-.com"), "domain", "hyphens"),
                bad("double dot", domain("a..b"), "domain", "empty labels"),
                bad("leading dot", domain(".a.b"), "domain", "empty labels"),
                bad("dot only", domain("."), "domain", "empty labels"),
                bad("two trailing dots", domain("example.com.."), "domain", "empty labels"),
                bad("single label", domain("localhost"), "domain", "two labels"),
                bad("single label with trailing dot", domain("com."), "domain", "two labels"),
                bad("single underscore label", domain("_dmarc"), "domain", "two labels"),
                bad("underscore alone as a label", domain("_.example.com"), "domain", "'_'"),
                bad("underscore inside a label", domain("a_b.com"), "domain", "'a_b'"),
                bad("underscore at label end", domain("ab_.com"), "domain", "'ab_'"),
                bad("IPv4 address", domain("127.0.0.1"), "domain", "IP address"),
                bad("all-numeric last label", domain("example.123"), "domain", "IP address"),
                // domain: characters
                bad("wildcard alone", domain("*"), "domain", "'*'"),
                bad("wildcard label", domain("*.example.com"), "domain", "'*'"),
                bad("at sign", domain("user@example.com"), "domain", "'@'"),
                bad("slash", domain("example.com/path"), "domain", "'/'"),
                bad("URL", domain("https://example.com"), "domain", "':'"),
                bad("port", domain("example.com:53"), "domain", "':'"),
                bad("IPv6 literal", domain("[::1]"), "domain", "'['"),
                bad("bare IPv6 address", domain("::1"), "domain", "':'"),
                bad("emoji only", domain("\uD83D\uDE00"), "domain", "U+1F600"),
                bad("emoji label", domain("\uD83D\uDE00.com"), "domain", "U+1F600"),
                bad("quote", domain("ex\"ample.com"), "domain", "'\"'"),
                bad("backslash", domain("example\\.com"), "domain", "'\\'"),
                bad("comma-separated list", domain("a.com,b.com"), "domain", "','"),
                // locations
                bad("unknown location", request("example.com", List.of("mars-1"), null), "locations", "unknown location 'mars-1'"),
                bad("location in wrong case", request("example.com", List.of("US-EAST-1"), null), "locations", "unknown location"),
                bad("empty location name", request("example.com", List.of(""), null), "locations", "unknown location ''"),
                bad("duplicate location", request("example.com", List.of("us-east-1", "us-east-1"), null), "locations", "duplicate location"),
                bad("null location", request("example.com", Arrays.asList("us-east-1", null), null), "locations", "null"),
                bad("empty locations", request("example.com", List.of(), null), "locations", "must not be empty"),
                // record types
                bad("unsupported type ANY", types("ANY"), "record_types", "unsupported record type 'ANY'"),
                bad("unsupported type AXFR", types("AXFR"), "record_types", "unsupported record type 'AXFR'"),
                bad("unsupported type IXFR", types("IXFR"), "record_types", "unsupported"),
                bad("unknown type FOO", types("FOO"), "record_types", "unsupported record type 'FOO'"),
                bad("empty type name", types(""), "record_types", "unsupported"),
                bad("type with spaces", types(" A"), "record_types", "unsupported"),
                bad("numeric type", types("1"), "record_types", "unsupported"),
                bad("duplicate type", types("A", "A"), "record_types", "duplicate record type 'A'"),
                bad("duplicate type in other case", types("a", "A"), "record_types", "duplicate record type 'A'"),
                bad("empty types", request("example.com", null, List.of()), "record_types", "must not be empty"),
                bad("null type", request("example.com", null, Arrays.asList("A", null)), "record_types", "null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void rejectsNamingTheFieldAndTheReason(String what, LookupRequest request, String field, String reasonPart) {
        assertThatThrownBy(() -> validator.validate(request))
                .isInstanceOfSatisfying(InvalidLookupRequestException.class, e -> assertThat(e.errors())
                        .as("errors of %s", what)
                        .anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo(field);
                            assertThat(v.reason()).containsIgnoringCase(reasonPart);
                        }));
    }

    @Test
    void reportsEveryFieldAtOnce() {
        var request = new LookupRequest("a..b", List.of("mars-1"), List.of("FOO"));

        assertThatThrownBy(() -> validator.validate(request))
                .isInstanceOfSatisfying(InvalidLookupRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("domain", "locations", "record_types"));
    }

    @Test
    void neverEchoesControlCharactersOrMegabytes() {
        var request = new LookupRequest("example.com", List.of("x\u0007" + "y".repeat(10_000)), null);

        assertThatThrownBy(() -> validator.validate(request))
                .isInstanceOfSatisfying(InvalidLookupRequestException.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(v -> {
                            assertThat(v.reason()).doesNotContain("\u0007").contains("x?y");
                            assertThat(v.reason().length()).isLessThan(200);
                        }));
    }

    /** Each case: what is accepted, the domain sent, the normalized domain expected. */
    static Stream<Arguments> acceptedDomains() {
        String name253 = nameOfLength(253);
        return Stream.of(
                arguments("the design's name", "google.com", "google.com"),
                arguments("exactly 253 characters", name253, name253),
                arguments("253 characters plus the trailing dot", name253 + ".", name253),
                arguments("63-character label", LABEL_63 + ".com", LABEL_63 + ".com"),
                arguments("trailing dot stripped", "example.com.", "example.com"),
                arguments("upper case lowered", "ExAmPlE.COM", "example.com"),
                arguments("policy name", "_dmarc.example.com", "_dmarc.example.com"),
                arguments("service name", "_sip._tcp.example.com", "_sip._tcp.example.com"),
                arguments("internationalized name", "bücher.de", "xn--bcher-kva.de"),
                arguments("internationalized name in upper case", "BÜCHER.DE", "xn--bcher-kva.de"),
                arguments("ideographic full stop as the dot", "bücher\u3002de", "xn--bcher-kva.de"),
                arguments("punycode input", "xn--bcher-kva.de", "xn--bcher-kva.de"),
                arguments("digits-only label", "123.example", "123.example"),
                arguments("hyphen inside", "my-host.example.com", "my-host.example.com"),
                arguments("double hyphen inside", "ab--cd.example.com", "ab--cd.example.com"),
                arguments("single-character labels", "a.b.c", "a.b.c"),
                arguments("demo zone name", "www.geodig.test", "www.geodig.test"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedDomains")
    void acceptsAndNormalizesTheDomain(String what, String domain, String expected) {
        LookupRequest normalized = validator.validate(new LookupRequest(domain, null, null));

        assertThat(normalized.domain()).isEqualTo(expected);
    }

    @Test
    void fillsTheDefaultsWhenLocationsAndTypesAreAbsent() {
        LookupRequest normalized = validator.validate(new LookupRequest("example.com", null, null));

        assertThat(normalized.locations()).containsExactlyElementsOf(LOCATIONS);
        assertThat(normalized.recordTypes()).containsExactly("A", "AAAA", "MX", "TXT", "NS");
    }

    @Test
    void keepsTheDesignsRequestAsItIs() {
        var designs = new LookupRequest("google.com", List.of("us-east-1", "eu-west-1", "asia-south-1"), List.of("A", "AAAA"));

        assertThat(validator.validate(designs)).isEqualTo(designs);
    }

    @Test
    void upperCasesRecordTypesAndKeepsTheirOrder() {
        LookupRequest normalized = validator.validate(new LookupRequest("example.com", null, List.of("txt", "Mx", "a", "srv")));

        assertThat(normalized.recordTypes()).containsExactly("TXT", "MX", "A", "SRV");
    }

    @Test
    void acceptsEverySupportedRecordType() {
        LookupRequest normalized = validator.validate(
                new LookupRequest("example.com", null, LookupRequest.SUPPORTED_RECORD_TYPES));

        assertThat(normalized.recordTypes())
                .containsExactlyElementsOf(LookupRequest.SUPPORTED_RECORD_TYPES)
                .contains("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "CAA", "SRV", "PTR");
    }

    @Test
    void keepsASubsetOfLocationsInTheRequestedOrder() {
        LookupRequest normalized = validator.validate(new LookupRequest("example.com", List.of("asia-south-1", "us-east-1"), null));

        assertThat(normalized.locations()).containsExactly("asia-south-1", "us-east-1");
    }

    private static Arguments bad(String what, LookupRequest request, String field, String reasonPart) {
        return arguments(what, request, field, reasonPart);
    }

    private static LookupRequest domain(String domain) {
        return new LookupRequest(domain, null, null);
    }

    private static LookupRequest types(String... types) {
        return new LookupRequest("example.com", null, List.of(types));
    }

    private static LookupRequest request(String domain, List<String> locations, List<String> types) {
        return new LookupRequest(domain, locations, types);
    }

    /** A valid name of exactly {@code length} characters: 63-character labels, then a shorter one, ending in ".com". */
    private static String nameOfLength(int length) {
        StringBuilder name = new StringBuilder();
        while (length - name.length() - ".com".length() > 64) {
            name.append(LABEL_63).append('.');
        }
        name.append("b".repeat(length - name.length() - ".com".length())).append(".com");
        assertThat(name).hasSize(length);
        return name.toString();
    }
}
