package dev.geodig.gateway.problem;

import dev.geodig.contract.LookupRequestValidator.Violation;
import dev.geodig.gateway.trace.CurrentTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * Spring MVC's handler, the filters that answer by themselves and Tomcat's error report all go
 * through here, so every error looks the same whoever rejected the request.
 */
@Component
public class ProblemResponses {

    static final String ERRORS = "errors";
    static final String TRACE_ID = "trace_id";
    /** The field and reason of every "no such path" answer, whoever finds the path unknown. */
    static final List<Violation> NO_SUCH_ENDPOINT =
            List.of(new Violation("path", "no such endpoint; lookups are POST /api/v1/dns/lookup, the page is GET /"));
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    /**
     * Longer client text than this (a 20 kB path, a header echoed by Tomcat) is cut in a problem: the
     * answer says what is wrong, it need not repeat all of it.
     */
    private static final int MAX_ECHO = 500;

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
        problem.setProperty(ERRORS, errors.stream()
                .map(v -> Map.of("field", printable(v.field()), "reason", printable(v.reason())))
                .toList());
    }

    /** Fills what every problem carries: the path it is about and the trace it belongs to. */
    static ProblemDetail complete(ProblemDetail problem, String path) {
        if (problem.getType() == null) {
            // RFC 9457: "about:blank" says the status code is the whole story; written out, not implied.
            problem.setType(ABOUT_BLANK);
        }
        if (problem.getInstance() == null) {
            problem.setInstance(instance(path));
        }
        if (problem.getDetail() == null || problem.getDetail().isBlank()) {
            problem.setDetail(problem.getTitle() == null ? "The request failed." : problem.getTitle() + ".");
        } else {
            problem.setDetail(printable(problem.getDetail()));
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
        byte[] body = json(problem, request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The completed problem as JSON, for a writer that is not a servlet filter (Tomcat's error report). */
    String json(ProblemDetail problem, String path) {
        return json.writeValueAsString(complete(problem, path));
    }

    /**
     * The request's path as the problem's {@code instance}: a relative URI reference. A path Tomcat
     * refused may not even parse as a URI (it holds {@code <} or a raw byte above 127), so what cannot
     * be a URI is percent-encoded, and a path too long to be worth repeating is cut. A path that starts
     * with {@code //} would read as a host name ({@code //evil.example/x}), so it is written
     * {@code /.//evil.example/x}, the same path once dot segments are removed (RFC 3986 section 5.2.4).
     */
    static URI instance(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return URI.create("/");
        }
        String shown = path.length() <= MAX_ECHO ? path : path.substring(0, MAX_ECHO);
        if (shown.startsWith("//")) {
            shown = "/." + shown;
        }
        try {
            return URI.create(shown);
        } catch (IllegalArgumentException notAUri) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : shown.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c > 0x20 && c < 0x7f && "<>\"{}|\\^`%[] ".indexOf(c) < 0) {
                    encoded.append((char) c);
                } else {
                    encoded.append('%').append(String.format("%02X", c));
                }
            }
            try {
                return URI.create(encoded.toString());
            } catch (IllegalArgumentException stillNot) {
                return URI.create("/");
            }
        }
    }

    /** Client text as a problem may repeat it: no control characters, not longer than {@value #MAX_ECHO} characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String shown = text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
        return shown.codePoints()
                .map(cp -> Character.isISOControl(cp) ? ' ' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
