package dev.geodig.gateway.problem;

import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.trace.CurrentTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's side of {@link Problem}: the status's reason phrase as its title, the request's path
 * and trace id filled in, written as {@code application/problem+json}. Spring MVC's handler, the
 * filters that answer by themselves and Tomcat's error report all answer through here, so every error
 * looks the same whoever rejected the request.
 */
@Component
class ProblemResponses {

    /** The field and reason of every "no such path" answer, whoever finds the path unknown. */
    static final List<FieldError> NO_SUCH_ENDPOINT =
            List.of(new FieldError("path", "no such endpoint; lookups are POST /api/v1/dns/lookup, the page is GET /"));

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** A problem of this status, titled with its reason phrase. */
    static Problem of(HttpStatusCode status, String detail, List<FieldError> errors) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return Problem.of(status.value(), known == null ? null : known.getReasonPhrase(), detail, errors);
    }

    /** The answer to a request for {@code path}: the problem with that path and the request's trace. */
    static Problem answering(Problem problem, String path) {
        return problem.at(path).tracedAs(CurrentTrace.traceId().orElse(null));
    }

    /** The answer of a Spring MVC handler, with these headers besides. */
    static ResponseEntity<Problem> entity(Problem problem, HttpHeaders headers, HttpServletRequest request) {
        return ResponseEntity.status(problem.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(answering(problem, request.getRequestURI()));
    }

    /** Writes a problem outside Spring MVC, from a servlet filter that has to answer by itself. */
    void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = json(problem, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The answer as JSON, for a writer that is not a servlet filter (Tomcat's error report). */
    String json(Problem problem, String path) {
        return json.writeValueAsString(answering(problem, path));
    }
}
