package dev.geodig.gateway.problem;

import dev.geodig.contract.LookupRequestValidator.Violation;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers on purpose, as a problem with this status, detail and {@code errors}.
 * Thrown by the features; {@link ProblemExceptionHandler} writes it.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final List<Violation> errors;

    public ProblemException(HttpStatus status, String detail, List<Violation> errors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    /** What the client must change; empty when the fault is not the client's. */
    public List<Violation> errors() {
        return errors;
    }
}
