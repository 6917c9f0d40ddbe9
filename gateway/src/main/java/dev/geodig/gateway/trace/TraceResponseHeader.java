package dev.geodig.gateway.trace;

import dev.geodig.telemetry.TraceResponse;
import io.opentelemetry.context.Context;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the W3C {@code traceresponse} header of the server span on every response, errors included.
 *
 * <p>Set before the rest of the chain runs: a header added after a handler has written the body
 * would be lost once the response is committed. The agent's server span is already current here,
 * because it starts in the servlet container, before any filter. Ordered just after the very first
 * filters and before those that may answer by themselves ({@code RequestShape},
 * {@code RequestSizeLimit}). Errors Tomcat answers without any filter
 * (a request it cannot read) carry the trace id in the problem's body only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class TraceResponseHeader extends OncePerRequestFilter {

    static final String NAME = "traceresponse";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceResponse.of(Context.current()).ifPresent(value -> response.setHeader(NAME, value));
        chain.doFilter(request, response);
    }
}
