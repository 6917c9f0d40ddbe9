package dev.geodig.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The one shape of every error answer, and the care it takes with what the client sent. */
class ProblemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aClientErrorIsWrittenWithItsFieldsAndTrace() {
        Problem problem = Problem.of(400, "Bad Request", "The lookup request is invalid.",
                List.of(new FieldError("domain", "is required"))).at("/api/v1/dns/lookup").tracedAs("4bf92f3577b34da6a3ce929d0e0e4736");

        assertThat(JSON.writeValueAsString(problem)).isEqualTo("""
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"The lookup request is invalid.",\
                "instance":"/api/v1/dns/lookup","errors":[{"field":"domain","reason":"is required"}],\
                "trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}""");
    }

    @Test
    void aClientErrorAlwaysHasErrorsAndAServerErrorNone() {
        assertThat(Problem.of(404, "Not Found", "No such endpoint.", null).errors()).isEmpty();
        assertThat(Problem.of(503, "Service Unavailable", "The orchestrator is unreachable.", List.of()).errors()).isNull();
        assertThat(JSON.writeValueAsString(Problem.of(503, "Service Unavailable", null, List.of()).at("/")))
                .doesNotContain("errors").doesNotContain("trace_id").contains("\"detail\":\"Service Unavailable.\"");
    }

    @Test
    void whatTheClientSentIsRepeatedWithoutControlCharactersAndCut() {
        Problem problem = Problem.of(400, "Bad Request", "bad\u0000\u001b[2J detail",
                List.of(new FieldError("x\ny", "z".repeat(10_000))));

        assertThat(problem.detail()).isEqualTo("bad  [2J detail");
        assertThat(problem.errors().getFirst().field()).isEqualTo("x y");
        assertThat(problem.errors().getFirst().reason()).hasSize(501).endsWith("…");
    }

    @Test
    void theInstanceIsAlwaysARelativeReferenceToThePath() {
        assertThat(Problem.instance("/api/v1/dns/lookup")).isEqualTo("/api/v1/dns/lookup");
        assertThat(Problem.instance("//evil.example/x")).as("not a host").isEqualTo("/.//evil.example/x");
        assertThat(Problem.instance("/a<b>\u00e9")).isEqualTo("/a%3Cb%3E%C3%A9");
        assertThat(Problem.instance("/" + "a".repeat(2000))).hasSize(500);
        assertThat(Problem.instance(null)).isEqualTo("/");
        assertThat(Problem.instance("*")).isEqualTo("/");
    }

    @Test
    void isReadBackFromItsJson() {
        Problem problem = Problem.of(415, "Unsupported Media Type", "The lookup request must be JSON.",
                List.of(new FieldError("Content-Type", "must be application/json"))).at("/api/v1/dns/lookup");

        assertThat(JSON.readValue(JSON.writeValueAsString(problem), Problem.class)).isEqualTo(problem);
    }
}
