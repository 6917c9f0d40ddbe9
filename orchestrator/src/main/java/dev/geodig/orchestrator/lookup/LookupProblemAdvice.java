package dev.geodig.orchestrator.lookup;

import dev.geodig.contract.InvalidLookupRequestException;
import dev.geodig.contract.Problem;
import dev.geodig.orchestrator.results.DuplicateLookupException;
import dev.geodig.orchestrator.results.ResultsUnavailableException;
import io.lettuce.core.RedisException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 answers for what a lookup can fail on, built by the contract's {@link Problem} as the
 * gateway's are: a bad request gets the very problem the gateway gives it. Spring's own problem
 * details ({@code spring.mvc.problemdetails.enabled}) cover 405, 415 and the like.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LookupProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(LookupProblemAdvice.class);

    @ExceptionHandler(InvalidLookupRequestException.class)
    ResponseEntity<Problem> invalidRequest(InvalidLookupRequestException e, HttpServletRequest request) {
        return answer(e.problem(), request);
    }

    @ExceptionHandler(DuplicateLookupException.class)
    ResponseEntity<Problem> duplicate(DuplicateLookupException e, HttpServletRequest request) {
        return answer(problem(HttpStatus.CONFLICT, e.getMessage()), request);
    }

    @ExceptionHandler({ResultsUnavailableException.class, RedisException.class})
    ResponseEntity<Problem> redisUnavailable(RuntimeException e, HttpServletRequest request) {
        log.warn("lookup failed, Redis unavailable: {}", e.toString());
        return answer(problem(HttpStatus.SERVICE_UNAVAILABLE, "Redis, the task store, cannot be reached right now; try again later."), request);
    }

    private static Problem problem(HttpStatus status, String detail) {
        return Problem.of(status.value(), status.getReasonPhrase(), detail, List.of());
    }

    private static ResponseEntity<Problem> answer(Problem problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.at(request.getRequestURI()));
    }
}
