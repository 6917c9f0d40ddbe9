package dev.geodig.gateway.problem;

import dev.geodig.contract.Problem.FieldError;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers on purpose, as a problem with this status, detail and {@code errors},
 * and these response headers (a {@code Retry-After}, say). Thrown by the features;
 * {@link ProblemExceptionHandler} writes it.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;
    private final HttpHeaders headers;

    public ProblemException(HttpStatus status, String detail, List<FieldError> errors, Throwable cause) {
        this(status, detail, errors, HttpHeaders.EMPTY, cause);
    }

    public ProblemException(HttpStatus status, String detail, List<FieldError> errors, HttpHeaders headers, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
    }

    public HttpStatus status() {
        return status;
    }

    /** What the client must change; empty when the fault is not the client's. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Headers the answer carries besides the problem. */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Whether this is routine under load (a request turned away because the gateway is busy or the
     * client over its rate), which comes by the thousand and is not worth a log line each.
     */
    public boolean routine() {
        return false;
    }
}
