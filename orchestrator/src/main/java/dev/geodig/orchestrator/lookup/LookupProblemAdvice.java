package dev.geodig.orchestrator.lookup;

import dev.geodig.contract.LookupRequestValidator.InvalidLookupRequestException;
import dev.geodig.contract.LookupRequestValidator.Violation;
import dev.geodig.orchestrator.results.DuplicateLookupException;
import dev.geodig.orchestrator.results.ResultsUnavailableException;
import io.lettuce.core.RedisException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * RFC 9457 answers for what a lookup can fail on. Spring's own problem details
 * ({@code spring.mvc.problemdetails.enabled}) cover 405, 415 and the like; this advice comes first
 * so that request-body problems name their field the same way validation problems do:
 * {@code errors: [{field, reason}]}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LookupProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(LookupProblemAdvice.class);

    @ExceptionHandler(InvalidLookupRequestException.class)
    ProblemDetail invalidRequest(InvalidLookupRequestException e) {
        return badRequest("The lookup request is invalid.", e.violations());
    }

    /**
     * Malformed JSON, a missing body, or a value of the wrong JSON type. The parser's own message is
     * not echoed: it names internal classes; the JSON path to the offending value is enough.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        JacksonException json = jsonCause(e);
        if (json == null) {
            return badRequest("The request body is missing or unreadable.", List.of(new Violation("", "a JSON object is required")));
        }
        String field = fieldPath(json);
        Violation violation = field.isEmpty()
                ? new Violation("", "is not a valid JSON object")
                : new Violation(field, "has a value of the wrong JSON type or form");
        return badRequest("The request body is not a valid lookup request.", List.of(violation));
    }

    @ExceptionHandler(DuplicateLookupException.class)
    ProblemDetail duplicate(DuplicateLookupException e) {
        return problem(HttpStatus.CONFLICT, "Lookup already in progress", e.getMessage());
    }

    @ExceptionHandler({ResultsUnavailableException.class, RedisException.class})
    ProblemDetail redisUnavailable(RuntimeException e) {
        log.warn("lookup failed, Redis unavailable: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Redis unavailable",
                "The task store cannot be reached right now; try again later.");
    }

    private static ProblemDetail badRequest(String detail, List<Violation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid lookup request", detail);
        List<Map<String, String>> errors = violations.stream()
                .map(v -> Map.of("field", v.field(), "reason", v.reason()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static JacksonException jsonCause(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    /** {@code record_types[1]} style path to the value the parser refused; empty for the body itself. */
    private static String fieldPath(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
