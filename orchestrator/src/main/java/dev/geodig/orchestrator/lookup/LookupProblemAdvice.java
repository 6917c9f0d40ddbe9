package dev.geodig.orchestrator.lookup;

import dev.geodig.boot.MvcProblemHandler;
import dev.geodig.boot.ProblemResponses;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.orchestrator.results.DuplicateLookupException;
import dev.geodig.orchestrator.results.ResultsUnavailableException;
import io.lettuce.core.RedisException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers for what a lookup can fail on: Redis away (503) or a trace id already being gathered (409)
 * here; an invalid request, Spring MVC's own errors (404, 405, 415) and the unexpected in {@link MvcProblemHandler},
 * as the gateway answers them: a bad request gets the very problem the gateway gives it.
 */
@RestControllerAdvice
class LookupProblemAdvice extends MvcProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(LookupProblemAdvice.class);

    LookupProblemAdvice() {
        super("orchestrator", new FieldError("path", "no such endpoint; lookups are POST " + LookupController.PATH));
    }

    @ExceptionHandler(DuplicateLookupException.class)
    ResponseEntity<Problem> duplicate(DuplicateLookupException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), request);
    }

    @ExceptionHandler({ResultsUnavailableException.class, RedisException.class})
    ResponseEntity<Problem> redisUnavailable(RuntimeException e, HttpServletRequest request) {
        log.warn("lookup failed, Redis unavailable: {}", e.toString());
        return answer(HttpStatus.SERVICE_UNAVAILABLE, "Redis, the task store, cannot be reached right now; try again later.", request);
    }

    private static ResponseEntity<Problem> answer(HttpStatus status, String detail, HttpServletRequest request) {
        return ProblemResponses.entity(ProblemResponses.of(status, detail, List.of()), HttpHeaders.EMPTY, request);
    }
}
