package dev.geodig.contract;

import dev.geodig.contract.Problem.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** A lookup request that must be answered with 400, and every reason why, each naming its field. */
public final class InvalidLookupRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidLookupRequestException(List<FieldError> errors) {
        super(errors.stream().map(e -> e.field() + ": " + e.reason()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The answer, the same from the gateway and the orchestrator. */
    public Problem problem() {
        return Problem.of(400, "Bad Request", "The lookup request is invalid.", errors);
    }
}
