package dev.geodig.gateway.problem;

import dev.geodig.boot.ProblemResponses;
import dev.geodig.contract.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as problem+json instead of its HTML page: every error the container
 * answers without Spring MVC (see {@link ContainerRejection}) reaches the client in the same form as
 * the API's own errors. It replaces Tomcat's {@link ErrorReportValve} on the host, where the requests
 * Tomcat refuses before any application sees them are reported too.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    private final ProblemResponses problems;

    ProblemReportValve(ProblemResponses problems) {
        this.problems = problems;
    }

    /** What the connector reads of a request head at most; Tomcat's default when it cannot say. */
    private static int maxHeadBytes(Request request) {
        if (request.getConnector() != null
                && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11) {
            return http11.getMaxHttpRequestHeaderSize();
        }
        return 8192;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // As the base class: only an error not yet reported, and only if nothing was written for it.
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ContainerRejection rejection = ContainerRejection.of(request.getCoyoteRequest(), response.getStatus(),
                response.getMessage(), throwable, maxHeadBytes(request));
        if (rejection.status().is5xxServerError()) {
            log.error("{} {} failed in the servlet container", request.getMethod(), request.getRequestURI(), throwable);
        } else {
            // Scanners send malformed requests all day; one line each at debug, not a warning.
            log.debug("{} {} refused by the servlet container: {}", request.getMethod(), request.getRequestURI(),
                    rejection.error() == null ? rejection.detail() : rejection.error().reason());
        }
        write(request, response, rejection);
    }

    private void write(Request request, Response response, ContainerRejection rejection) {
        Problem problem = ProblemResponses.of(rejection.status(), rejection.detail(),
                rejection.error() == null ? List.of() : List.of(rejection.error()));
        try {
            String body = problems.json(problem, request.getRequestURI());
            response.setStatus(rejection.status().value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            if (response.getHeader("X-Content-Type-Options") == null) {
                response.setHeader("X-Content-Type-Options", "nosniff");
            }
            if (rejection.status() == HttpStatus.METHOD_NOT_ALLOWED && response.getHeader("Allow") == null) {
                // A 405 must say what is allowed (RFC 9110 15.5.6); Tomcat does not know the path's mapping, so all the API's methods.
                response.setHeader("Allow", "GET, HEAD, POST");
            }
            // The reporter, as the base class writes: usable whether the application took the writer or the stream.
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException e) {
            log.debug("could not write the problem for {} {}: the client is gone", request.getMethod(), request.getRequestURI(), e);
        } catch (RuntimeException e) {
            // Tomcat would swallow it and send the status alone: say why, it is the gateway's bug.
            log.error("could not write the problem for {} {}", request.getMethod(), request.getRequestURI(), e);
        }
    }
}
