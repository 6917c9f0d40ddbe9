package dev.geodig.boot;

import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.telemetry.CurrentTrace;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring side of the contract's {@link Problem}: the status's reason phrase as its title, the request's
 * path and trace id filled in, written as {@code application/problem+json}. Both HTTP services answer every
 * error through here (Spring MVC's handlers, {@link MvcProblemHandler}; in the gateway also the filters that
 * answer by themselves and Tomcat's error report), so every error looks the same whoever rejected the request.
 */
public final class ProblemResponses {

    private final JsonMapper json;

    /** For the writers outside Spring MVC; {@code json} is the application's own mapper. */
    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** A problem of this status, titled with its reason phrase. */
    public static Problem of(HttpStatusCode status, String detail, List<FieldError> errors) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return Problem.of(status.value(), known == null ? null : known.getReasonPhrase(), detail, errors);
    }

    /** The answer to a request for {@code path}: the problem with that path and the request's trace. */
    public static Problem answering(Problem problem, String path) {
        return problem.at(path).tracedAs(CurrentTrace.traceId().orElse(null));
    }

    /** The answer of a Spring MVC handler, with these headers besides. */
    public static ResponseEntity<Problem> entity(Problem problem, HttpHeaders headers, HttpServletRequest request) {
        return ResponseEntity.status(problem.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(answering(problem, request.getRequestURI()));
    }

    /** Writes a problem outside Spring MVC, from a servlet filter that has to answer by itself. */
    public void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        byte[] body = json(problem, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The answer as JSON, for a writer that is not a servlet filter (Tomcat's error report). */
    public String json(Problem problem, String path) {
        return json.writeValueAsString(answering(problem, path));
    }
}
