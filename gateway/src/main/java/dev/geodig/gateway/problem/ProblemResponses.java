package dev.geodig.gateway.problem;

import dev.geodig.contract.LookupRequestValidator.Violation;
import dev.geodig.gateway.trace.CurrentTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the RFC 9457 bodies of every error the gateway answers: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}, plus {@code errors} ({@code [{field, reason}]})
 * and {@code trace_id} when there is a trace, so a failed request can be found in Jaeger too.
 */
@Component
public class ProblemResponses {

    static final String ERRORS = "errors";
    static final String TRACE_ID = "trace_id";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        // Boot's mapper: it carries Spring's ProblemDetail mix-in, which flattens the extra properties.
        this.json = json;
    }

    /** A problem whose {@code errors} name what the client must change. */
    public static ProblemDetail of(HttpStatusCode status, String detail, List<Violation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        setErrors(problem, errors);
        return problem;
    }

    static void setErrors(ProblemDetail problem, List<Violation> errors) {
        problem.setProperty(ERRORS, errors.stream().map(v -> Map.of("field", v.field(), "reason", v.reason())).toList());
    }

    /** Fills what every problem carries: the path it is about and the trace it belongs to. */
    static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getType() == null) {
            // RFC 9457: "about:blank" says the status code is the whole story; written out, not implied.
            problem.setType(ABOUT_BLANK);
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        if (problem.getProperties() == null || !problem.getProperties().containsKey(ERRORS)) {
            if (problem.getStatus() < 500) {
                problem.setProperty(ERRORS, List.of());
            }
        }
        CurrentTrace.traceId().ifPresent(traceId -> problem.setProperty(TRACE_ID, traceId));
        return problem;
    }

    /** Writes a problem outside Spring MVC, from a servlet filter that has to answer by itself. */
    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        complete(problem, request.getRequestURI());
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
        response.flushBuffer();
    }
}
