package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Agreement;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.Problem;
import dev.geodig.contract.TraceView;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GatewayJsonTest {

    /** The API's example answer, plus what a newer gateway might add: a field, a verdict, a span kind. */
    private static final String REPORT = """
            {"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","status":"partial","domain":"www.geodig.test",
             "record_types":["A"],"duration_ms":5012,"something_new":{"x":1},
             "results":{
               "us-east-1":{"status":"success","processing_time_ms":4,"error":null,
                            "records":{"A":{"rcode":"NOERROR","answers":[{"value":"192.0.2.10","ttl":60}],"duration_ms":3,"error":null}}},
               "asia-south-1":{"status":"timeout","records":{},"processing_time_ms":null,"error":"no result within 5000 ms"}},
             "agreement":[{"record_type":"A","verdict":"mostly","groups":[{"rcode":"NOERROR","answers":["192.0.2.10"],
                           "locations":["us-east-1"]}],"missing":["asia-south-1"]}]}
            """;

    @Test
    void reportIsReadLenientlyFromWhatTheGatewaySends() {
        LookupReport report = GatewayJson.readReport(REPORT);

        assertThat(report.status()).isEqualTo(LookupStatus.PARTIAL);
        assertThat(report.results()).containsOnlyKeys("us-east-1", "asia-south-1");
        assertThat(report.results().keySet()).as("the request's location order").containsExactly("us-east-1", "asia-south-1");
        assertThat(report.results().get("asia-south-1").processingTimeMs()).isNull();
        assertThat(report.agreement()).singleElement().satisfies(agreement -> {
            assertThat(agreement.verdict()).as("a verdict this client does not know").isNull();
            assertThat(agreement.missing()).containsExactly("asia-south-1");
        });
        assertThat(new ReportPrinter(Style.PLAIN, "http://gw").print(report)).contains("A  ? (no answer from asia-south-1)");
    }

    @Test
    void reportsClientSubnetsAndTailoringAreReadAsTheSchemaWritesThem() {
        // docs/schemas: ecs with its subnet and scope_prefix (null: the answer carried no ECS option), tailored per agreement.
        String body = """
                {"trace_id":null,"status":"success","domain":"www.geodig.test","record_types":["A"],"duration_ms":12,
                 "results":{
                   "us-east-1":{"status":"success","processing_time_ms":4,"error":null,"records":{"A":{"rcode":"NOERROR",
                     "answers":[{"value":"192.0.2.10","ttl":60}],"duration_ms":3,"error":null,
                     "ecs":{"subnet":"192.0.2.0/24","scope_prefix":24}}}},
                   "eu-west-1":{"status":"success","processing_time_ms":5,"error":null,"records":{"A":{"rcode":"NOERROR",
                     "answers":[{"value":"198.51.100.10","ttl":60}],"duration_ms":3,"error":null,
                     "ecs":{"subnet":"198.51.100.0/24","scope_prefix":null}}}}},
                 "agreement":[{"record_type":"A","verdict":"differ","tailored":true,"missing":[],"groups":[
                   {"rcode":"NOERROR","answers":["192.0.2.10"],"locations":["us-east-1"]},
                   {"rcode":"NOERROR","answers":["198.51.100.10"],"locations":["eu-west-1"]}]}]}
                """;

        LookupReport report = GatewayJson.readReport(body);

        assertThat(report.results().get("us-east-1").records().get("A").ecs().scopePrefix()).isEqualTo(24);
        assertThat(report.results().get("eu-west-1").records().get("A").ecs().scopePrefix()).isNull();
        // The printer says what the gateway's agreement says, even where it would not have worked it out so.
        assertThat(new ReportPrinter(Style.PLAIN, "http://gw").print(report)).contains(
                "A  differs, tailored by location (2 different answers)",
                "  a  us-east-1  NOERROR  tailored /24  192.0.2.10",
                "  b  eu-west-1  NOERROR  no ECS scope  198.51.100.10",
                "  us-east-1  success  subnet 192.0.2.0/24     4 ms",
                "  eu-west-1  success  subnet 198.51.100.0/24  5 ms");
    }

    @Test
    void reportWithoutAgreementGetsOneWorkedOutHere() {
        String older = REPORT.substring(0, REPORT.indexOf(",\n \"agreement\"")) + "}";

        LookupReport report = GatewayJson.readReport(older);

        assertThat(report.agreement()).singleElement().satisfies(agreement -> {
            assertThat(agreement.verdict()).isEqualTo(Agreement.Verdict.INCOMPLETE);
            assertThat(agreement.missing()).containsExactly("asia-south-1");
        });
    }

    @Test
    void traceWithAnUnknownSpanKindIsStillATrace() {
        String body = """
                {"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","start_time":"2026-11-26T14:03:01.123456Z","duration_us":100,
                 "services":["dns-gateway"],"span_count":1,"jaeger_ui_url":null,"later":true,
                 "spans":[{"span_id":"a","parent_span_id":null,"name":"n","service":"dns-gateway","kind":"quantum",
                           "depth":0,"start_offset_us":0,"duration_us":100,"status":"unset","status_message":null,
                           "attributes":{"http.response.status_code":200},"events":[]}]}
                """;

        TraceView trace = GatewayJson.readTrace(body);

        assertThat(trace.spans()).singleElement().satisfies(span -> assertThat(span.kind()).isNull());
        assertThat(new WaterfallPrinter(Style.PLAIN, WaterfallPrinter.Glyphs.ASCII).print(trace).getLast())
                .startsWith("  n     dns-gateway  ?         ");
    }

    @Test
    void problemDocumentGivesDetailAndFieldsAndAnythingElseTheStatus() {
        Problem problem = GatewayJson.readProblem(400, """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The lookup request is invalid.",
                 "instance":"/api/v1/dns/lookup","errors":[{"field":"domain","reason":"must not have empty labels"},
                 {"field":"record_types[0]","reason":"\\u001b[2J is not supported"}],"trace_id":"0af7651916cd43dd8448eb211c80319c"}
                """);

        assertThat(ProblemPrinter.print(problem, "lookup failed")).containsExactly(
                "geodig: lookup failed: HTTP 400: The lookup request is invalid.",
                "  domain: must not have empty labels",
                "  record_types[0]: \\027[2J is not supported",
                "  (trace 0af7651916cd43dd8448eb211c80319c)");
        assertThat(ProblemPrinter.print(GatewayJson.readProblem(502, "<html>Bad Gateway</html>"), "lookup failed"))
                .containsExactly("geodig: lookup failed: HTTP 502: no explanation given");
        assertThat(ProblemPrinter.print(GatewayJson.readProblem(503, "{\"title\":\"Service Unavailable\",\"status\":503}"), "trace failed"))
                .containsExactly("geodig: trace failed: HTTP 503: Service Unavailable");
    }

    @Test
    void rawJsonKeepsItsMeaningButLosesEverythingThatSteersATerminal() {
        String body = "{\"answers\":[\"\u009b31m \u202eevil\",\"\\u001b[0m\"],\n\t\"ok\":\"b\u00fccher \ud83d\ude00\"}";

        String safe = GatewayJson.safeRaw(body);

        assertThat(safe).isEqualTo("{\"answers\":[\"\\u009b31m \\u202eevil\",\"\\u001b[0m\"],\n\t\"ok\":\"b\u00fccher \ud83d\ude00\"}");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(safe)).isEqualTo(json.readTree(body));
    }

    @Test
    void requestLeavesOutWhatTheGatewayShouldDefault() {
        assertThat(GatewayJson.write(new LookupRequest("www.geodig.test", null, null)))
                .isEqualTo("{\"domain\":\"www.geodig.test\"}");
        assertThat(GatewayJson.write(new LookupRequest("www.geodig.test", List.of("us-east-1"), List.of("A", "MX"))))
                .isEqualTo("{\"domain\":\"www.geodig.test\",\"locations\":[\"us-east-1\"],\"record_types\":[\"A\",\"MX\"]}");
    }
}
