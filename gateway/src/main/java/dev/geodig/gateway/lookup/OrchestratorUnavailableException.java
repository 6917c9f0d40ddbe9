package dev.geodig.gateway.lookup;

import dev.geodig.gateway.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The orchestrator could not answer a lookup: unreachable (503), too slow (504), or it answered
 * with something that is not a report (502). None of these is the client's fault, and none is a 500.
 */
public final class OrchestratorUnavailableException extends ProblemException {

    OrchestratorUnavailableException(HttpStatus status, String message, Throwable cause) {
        super(status, message, List.of(), cause);
    }
}
