package dev.geodig.gateway.problem;

import dev.geodig.contract.InvalidLookupRequestException;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
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

    @ExceptionHandler(InvalidLookupRequestException.class)
    ResponseEntity<Problem> invalidRequest(InvalidLookupRequestException e, HttpServletRequest request) {
        log.info("rejected lookup request: {}", e.getMessage());
        return ProblemResponses.entity(e.problem(), HttpHeaders.EMPTY, request);
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Problem> answeredProblem(ProblemException e, HttpServletRequest request) {
        Level level = e.routine() ? Level.DEBUG : e.status().is5xxServerError() ? Level.WARN : Level.INFO;
        log.atLevel(level).log("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ProblemResponses.entity(ProblemResponses.of(e.status(), e.getMessage(), e.errors()), e.headers(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return ProblemResponses.entity(ProblemResponses.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway failed unexpectedly; the trace_id identifies the request in the logs.", List.of()),
                HttpHeaders.EMPTY, request);
    }

    /**
     * Spring MVC's own errors: their detail in a problem like ours, and always as problem+json.
     * The type is set here rather than negotiated, because the request's {@code Accept} may be the
     * very error (unparseable, or nothing the gateway writes): negotiating again would fail again and
     * leave the client a bare status with no body.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servletRequest = request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
        String detail = body instanceof ProblemDetail spring ? spring.getDetail() : e.getMessage();
        Problem problem = ProblemResponses.answering(ProblemResponses.of(status, detail, errorsOf(e, servletRequest)),
                servletRequest == null ? null : servletRequest.getRequestURI());
        HttpHeaders problemHeaders = headers == null ? new HttpHeaders() : HttpHeaders.copyOf(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, problem, problemHeaders, status, request);
    }

    /** What the client must change, for the Spring MVC errors a client can cause. */
    private static List<FieldError> errorsOf(Exception e, HttpServletRequest request) {
        return switch (e) {
            case HttpMediaTypeNotSupportedException unsupported -> List.of(new FieldError("Content-Type",
                    "must be " + MediaType.APPLICATION_JSON_VALUE + ", not " + (unsupported.getContentType() != null
                            ? unsupported.getContentType() : "'" + header(request, HttpHeaders.CONTENT_TYPE) + "'")));
            case HttpRequestMethodNotSupportedException method -> List.of(new FieldError("method",
                    "must be one of " + method.getSupportedHttpMethods() + ", not " + method.getMethod()));
            case HttpMediaTypeNotAcceptableException notAcceptable -> List.of(new FieldError("Accept",
                    readable(header(request, HttpHeaders.ACCEPT))
                            ? "must accept one of " + notAcceptable.getSupportedMediaTypes()
                            : "is not a list of media ranges: '" + header(request, HttpHeaders.ACCEPT) + "'; send "
                                    + MediaType.APPLICATION_JSON_VALUE));
            case NoHandlerFoundException notFound -> ProblemResponses.NO_SUCH_ENDPOINT;
            case NoResourceFoundException notFound -> ProblemResponses.NO_SUCH_ENDPOINT;
            default -> List.of();
        };
    }

    /** Whether an {@code Accept} value parses as media ranges at all. */
    private static boolean readable(String accept) {
        try {
            MediaType.parseMediaTypes(accept);
            return true;
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** A request header as the client sent it, for a reason; empty when absent. */
    private static String header(HttpServletRequest request, String name) {
        String value = request == null ? null : request.getHeader(name);
        return value == null ? "" : value;
    }
}
