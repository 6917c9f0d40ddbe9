package dev.geodig.gateway.traces;

import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.problem.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * A W3C trace id: 32 hex digits, not all zero (W3C Trace Context, section 3.2.2.3). Upper-case
 * digits are accepted and written in lower case, as Jaeger and the {@code traceparent} header have them.
 */
record TraceId(String hex) {

    static final String FIELD = "trace_id";
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final String INVALID_ID = "0".repeat(32);

    /** The trace id in {@code raw}, or a 400 problem naming the field. */
    static TraceId parse(String raw) {
        if (raw == null || !HEX32.matcher(raw).matches()) {
            throw invalid("must be 32 hexadecimal digits, as in a lookup's trace_id");
        }
        String hex = raw.toLowerCase(Locale.ROOT);
        if (hex.equals(INVALID_ID)) {
            throw invalid("must not be all zeros, the W3C invalid trace id");
        }
        return new TraceId(hex);
    }

    private static ProblemException invalid(String reason) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "The trace id is invalid.",
                List.of(new FieldError(FIELD, reason)), null);
    }
}
