package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.GatewayClient.Answer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What every error answer of the gateway must be: an RFC 9457 problem with the fields clients rely on. */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer.response().body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem).isNotNull();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/");
        if (status < 500) {
            assertThat(problem.get("errors").isArray()).as("errors of %s", problem).isTrue();
        }
    }

    /** The reasons the problem gives for one field. */
    static List<String> reasonsFor(Answer answer, String field) {
        List<String> reasons = new ArrayList<>();
        for (JsonNode error : answer.json().get("errors")) {
            if (field.equals(error.get("field").asString())) {
                reasons.add(error.get("reason").asString());
            }
        }
        return reasons;
    }
}
