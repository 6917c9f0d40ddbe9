package dev.geodig.gateway.problem;

import dev.geodig.boot.ProblemResponses;
import dev.geodig.contract.Problem;
import dev.geodig.contract.Problem.FieldError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any endpoint sees them, two shapes of request that Tomcat and Spring would otherwise
 * mishandle:
 *
 * <ul>
 *   <li>a path with {@code ;} parameters ({@code /api/v1/dns/lookup;jsessionid=…}, {@code /api;v=1/…}):
 *       400 naming {@code path}. Tomcat and Spring both strip them and serve the path without them, so
 *       a client would never learn that what it sent meant nothing: the gateway has no sessions to
 *       resume and no matrix variables. A path is matched as it is written or not at all. An encoded
 *       {@code %3B} is data, not a parameter, and passes;
 *   <li>a wildcard content type ({@code *}{@code /*}, {@code application/*}): 415 naming
 *       {@code Content-Type}. A body has one concrete type, and wildcards belong in {@code Accept}
 *       (RFC 9110 sections 8.3 and 12.5.1). Spring MVC would mostly answer the same, but not
 *       everywhere: for a path with no endpoint, Spring 7.0.8 copies the request's headers into
 *       {@code HttpHeaders}, which refuses a wildcard content type with an exception, and the client
 *       got a 500 instead of a 404.
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
class RequestShape extends OncePerRequestFilter {

    private final ProblemResponses problems;

    RequestShape(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Problem problem = problemOf(request);
        if (problem != null) {
            problems.write(request, response, problem);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the request's shape, or {@code null}. */
    private static Problem problemOf(HttpServletRequest request) {
        if (request.getRequestURI().indexOf(';') >= 0) {
            return ProblemResponses.of(HttpStatus.BAD_REQUEST, "The request path carries parameters.",
                    List.of(new FieldError("path", "must not carry ';' parameters (a session id, matrix variables): "
                            + "the gateway has neither; send the path alone")));
        }
        String declared = request.getContentType();
        if (declared != null && isWildcard(declared)) {
            return ProblemResponses.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + declared + "' is not a media type a body can have.",
                    List.of(new FieldError("Content-Type", "must be a concrete media type such as "
                            + MediaType.APPLICATION_JSON_VALUE + ", not the wildcard '" + declared + "' (wildcards are for Accept)")));
        }
        return null;
    }

    private static boolean isWildcard(String declared) {
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unparseable) {
            // Not a wildcard: Spring MVC answers an unparseable type itself, with a 415 naming the field.
            return false;
        }
    }
}
