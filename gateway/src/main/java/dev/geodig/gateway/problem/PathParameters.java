package dev.geodig.gateway.problem;

import dev.geodig.contract.LookupRequestValidator.Violation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 naming {@code path} to a path with {@code ;} parameters
 * ({@code /api/v1/dns/lookup;jsessionid=…}, {@code /api;v=1/…}).
 *
 * <p>Tomcat and Spring both strip them and serve the path without them, so a client would never
 * learn that what it sent meant nothing: the gateway has no sessions to resume and no matrix
 * variables. A path is matched as it is written or not at all, and every rule that looks at a path
 * sees the one that is served. An encoded {@code %3B} is data, not a parameter, and passes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
class PathParameters extends OncePerRequestFilter {

    private final ProblemResponses problems;

    PathParameters(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getRequestURI().indexOf(';') >= 0) {
            problems.write(request, response, ProblemResponses.of(HttpStatus.BAD_REQUEST, "The request path carries parameters.",
                    List.of(new Violation("path", "must not carry ';' parameters (a session id, matrix variables): "
                            + "the gateway has neither; send the path alone"))));
            return;
        }
        chain.doFilter(request, response);
    }
}
