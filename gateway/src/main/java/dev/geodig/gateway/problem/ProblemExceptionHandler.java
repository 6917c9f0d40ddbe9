package dev.geodig.gateway.problem;

import dev.geodig.boot.MvcProblemHandler;
import dev.geodig.boot.ProblemResponses;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every error into an RFC 9457 problem: the gateway's own ({@link ProblemException}: orchestrator
 * unavailable, rate limited, ...) here, an invalid request, Spring MVC's errors and the unexpected in
 * {@link MvcProblemHandler}.
 */
@RestControllerAdvice
class ProblemExceptionHandler extends MvcProblemHandler {

    /** The field and reason of every "no such path" answer, whoever finds the path unknown. */
    static final FieldError NO_SUCH_ENDPOINT =
            new FieldError("path", "no such endpoint; lookups are POST /api/v1/dns/lookup, the page is GET /");

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    ProblemExceptionHandler() {
        super("gateway", NO_SUCH_ENDPOINT);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Problem> answeredProblem(ProblemException e, HttpServletRequest request) {
        Level level = e.routine() ? Level.DEBUG : e.status().is5xxServerError() ? Level.WARN : Level.INFO;
        log.atLevel(level).log("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ProblemResponses.entity(ProblemResponses.of(e.status(), e.getMessage(), e.errors()), e.headers(), request);
    }
}
