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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 naming {@code Content-Type} to a request that declares a wildcard as its content type
 * ({@code *}{@code /*}, {@code application/*}): a body has one concrete type, and wildcards belong in
 * {@code Accept} (RFC 9110 sections 8.3 and 12.5.1).
 *
 * <p>Spring MVC would mostly answer the same, but not everywhere: for a path with no endpoint,
 * Spring 7.0.8 copies the request's headers into {@code HttpHeaders}, which refuses a wildcard
 * content type with an exception, and the client got a 500 instead of a 404. Refused here, before
 * any of that, the answer is the same for every path.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
class WildcardContentType extends OncePerRequestFilter {

    private final ProblemResponses problems;

    WildcardContentType(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String declared = request.getContentType();
        if (declared != null && isWildcard(declared)) {
            problems.write(request, response, ProblemResponses.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type '" + declared + "' is not a media type a body can have.",
                    List.of(new Violation("Content-Type", "must be a concrete media type such as "
                            + MediaType.APPLICATION_JSON_VALUE + ", not the wildcard '" + declared + "' (wildcards are for Accept)"))));
            return;
        }
        chain.doFilter(request, response);
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
