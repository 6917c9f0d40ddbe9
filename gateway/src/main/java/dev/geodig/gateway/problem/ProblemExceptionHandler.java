package dev.geodig.gateway.problem;

import dev.geodig.contract.LookupRequestValidator.InvalidLookupRequestException;
import dev.geodig.contract.LookupRequestValidator.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into an RFC 9457 problem: the gateway's own (invalid request, orchestrator
 * unavailable) and Spring MVC's (404, 405, 415, ...), which the base class maps to their statuses.
 * Client input never ends in a 500; the catch-all below is for the gateway's own bugs.
 */
@RestControllerAdvice
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    private static final List<Violation> NO_SUCH_ENDPOINT =
            List.of(new Violation("path", "no such endpoint; lookups are POST /api/v1/dns/lookup, the page is GET /"));

    @ExceptionHandler(InvalidLookupRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidLookupRequestException e, HttpServletRequest request) {
        log.info("rejected lookup request: {}", e.getMessage());
        return problem(ProblemResponses.of(HttpStatus.BAD_REQUEST, "The lookup request is invalid.", e.violations()), request);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> answeredProblem(ProblemException e, HttpServletRequest request) {
        if (e.status().is5xxServerError()) {
            log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        } else {
            log.info("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        }
        ProblemDetail problem = e.errors().isEmpty()
                ? ProblemDetail.forStatusAndDetail(e.status(), e.getMessage())
                : ProblemResponses.of(e.status(), e.getMessage(), e.errors());
        return problem(problem, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed unexpectedly; the trace_id identifies the request in the logs."), request);
    }

    /** Spring MVC's own errors: complete their problem bodies like ours. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body == null) {
            body = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        }
        if (body instanceof ProblemDetail problem) {
            List<Violation> errors = errorsOf(e);
            if (!errors.isEmpty()) {
                ProblemResponses.setErrors(problem, errors);
            }
            String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
            ProblemResponses.complete(problem, path);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /** What the client must change, for the Spring MVC errors a client can cause. */
    private static List<Violation> errorsOf(Exception e) {
        return switch (e) {
            case HttpMediaTypeNotSupportedException unsupported -> List.of(new Violation("Content-Type",
                    "must be " + MediaType.APPLICATION_JSON_VALUE + ", not " + unsupported.getContentType()));
            case HttpRequestMethodNotSupportedException method -> List.of(new Violation("method",
                    "must be one of " + method.getSupportedHttpMethods() + ", not " + method.getMethod()));
            case HttpMediaTypeNotAcceptableException notAcceptable -> List.of(new Violation("Accept",
                    "must accept one of " + notAcceptable.getSupportedMediaTypes()));
            case NoHandlerFoundException notFound -> NO_SUCH_ENDPOINT;
            case NoResourceFoundException notFound -> NO_SUCH_ENDPOINT;
            default -> List.of();
        };
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, HttpServletRequest request) {
        ProblemResponses.complete(problem, request.getRequestURI());
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
