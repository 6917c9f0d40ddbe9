package dev.geodig.gateway.problem;

import dev.geodig.boot.ProblemResponses;
import dev.geodig.contract.Problem.FieldError;
import dev.geodig.gateway.GatewayProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 to any request whose body is larger than {@code geodig.gateway.max-body-bytes}, before
 * JSON parsing sees a byte of it.
 *
 * <p>Content-Length alone cannot be trusted: a chunked body declares no length. So the body is read
 * here, at most one byte past the limit, and handed on from memory. The limit is small (8 KiB by
 * default), so holding the body costs nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends OncePerRequestFilter {

    private final int maxBodyBytes;
    private final ProblemResponses problems;

    RequestSizeLimit(GatewayProperties properties, ProblemResponses problems) {
        this.maxBodyBytes = properties.maxBodyBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            reject(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        } catch (IOException unreadable) {
            // An incomplete body is the client's doing: a 400 naming the body (docs/messages.md), not a 500;
            // where Tomcat marked the response 400 already, ProblemReportValve writes the same problem.
            unreadable(request, response, unreadable);
            return;
        }
        if (body.length > maxBodyBytes) {
            reject(request, response);
            return;
        }
        chain.doFilter(new BodyInMemory(request, body), response);
    }

    private void unreadable(HttpServletRequest request, HttpServletResponse response, IOException e) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        String reason = "cannot be read as sent: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        problems.write(request, response, ProblemResponses.of(HttpStatus.BAD_REQUEST, "The request body cannot be read.",
                List.of(new FieldError("body", reason))));
    }

    private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The rest of the body is not wanted: do not let the client reuse a connection it is still sending on.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        String reason = "must not be larger than " + maxBodyBytes + " bytes";
        problems.write(request, response, ProblemResponses.of(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + maxBodyBytes + " bytes.", List.of(new FieldError("body", reason))));
    }

    /** The request with its (already read, bounded) body served from memory. */
    private static final class BodyInMemory extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyInMemory(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory; read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknownCharset) {
                // JSON is UTF-8 (RFC 8259); a bogus charset parameter must not turn into a 500.
            }
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
