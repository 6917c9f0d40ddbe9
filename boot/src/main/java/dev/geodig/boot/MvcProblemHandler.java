package dev.geodig.boot;

import dev.geodig.contract.InvalidLookupRequestException;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error Spring MVC sees, as a {@link Problem}: an invalid lookup request, Spring MVC's own errors
 * (404, 405, 406, 415, ...), which the base class maps to their statuses, and, as a 500, whatever the service
 * did not expect. A service's {@code @RestControllerAdvice} extends it with handlers for its own exceptions.
 * Client input never ends in a 500; the catch-all is for the service's own bugs.
 */
public abstract class MvcProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MvcProblemHandler.class);

    private final String service;
    private final FieldError noSuchEndpoint;

    /**
     * @param service the service as a 500 names it ("gateway")
     * @param noSuchEndpoint the field and reason of a 404: the path, and the endpoints there are
     */
    protected MvcProblemHandler(String service, FieldError noSuchEndpoint) {
        this.service = service;
        this.noSuchEndpoint = noSuchEndpoint;
    }

    @ExceptionHandler(InvalidLookupRequestException.class)
    protected ResponseEntity<Problem> invalidRequest(InvalidLookupRequestException e, HttpServletRequest request) {
        log.info("rejected lookup request: {}", e.getMessage());
        return ProblemResponses.entity(e.problem(), HttpHeaders.EMPTY, request);
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<Problem> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error serving {} {}", request.getMethod(), request.getRequestURI(), e);
        return ProblemResponses.entity(ProblemResponses.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The " + service + " failed unexpectedly; the trace_id identifies the request in the logs.", List.of()),
                HttpHeaders.EMPTY, request);
    }

    /**
     * Spring MVC's own errors: their detail in a problem like ours, and always as problem+json.
     * The type is set here rather than negotiated, because the request's {@code Accept} may be the
     * very error (unparseable, or nothing the service writes): negotiating again would fail again and
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
    private List<FieldError> errorsOf(Exception e, HttpServletRequest request) {
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
            case NoHandlerFoundException notFound -> List.of(noSuchEndpoint);
            case NoResourceFoundException notFound -> List.of(noSuchEndpoint);
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
