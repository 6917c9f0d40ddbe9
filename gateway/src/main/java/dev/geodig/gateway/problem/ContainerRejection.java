package dev.geodig.gateway.problem;

import dev.geodig.contract.Problem.FieldError;
import java.io.IOException;
import java.util.Locale;
import org.apache.coyote.Request;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;

/**
 * An error the servlet container answered without Spring MVC: a request Tomcat refused while reading
 * it (an illegal character in the request line or a header, a bad {@code Host}, an over-long head, a
 * transfer coding it does not implement), or one it stopped on its way to the application (TRACE, a
 * path into {@code WEB-INF}, an unsatisfiable range). Tomcat knows only a status by then; this says
 * it in the terms of the API: the status a client should get, what went wrong, and the field at fault.
 *
 * <p>The field is found from what Tomcat managed to read, in the order it reads a request: a request
 * line part it could not read is left empty; the headers it rejects for their values are looked at
 * again here; a head too large is recognized by Tomcat's own message for it.
 *
 * @param status what the client gets; Tomcat's 501 and 505 become 4xx, because the request is at fault,
 *     not the server: a 5xx would count against the gateway's health and invite a retry of the same request
 * @param detail what went wrong, in a sentence
 * @param error the field at fault and why; {@code null} when the error is the gateway's own
 */
record ContainerRejection(HttpStatus status, String detail, FieldError error) {

    /** Tomcat's message for a request head over {@code max-http-request-header-size}, in the locale Tomcat writes it. */
    private static final String HEAD_TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    /**
     * What the client did wrong, for the error Tomcat settled on.
     *
     * @param request what Tomcat read of the request (parts it could not read are empty)
     * @param status the status Tomcat chose
     * @param message Tomcat's message for it, if any
     * @param thrown what Tomcat caught, if anything
     * @param maxHeadBytes the most of a request head Tomcat reads ({@code server.max-http-request-header-size})
     */
    static ContainerRejection of(Request request, int status, String message, Throwable thrown, int maxHeadBytes) {
        String method = text(request.method().toString());
        return switch (status) {
            case 400 -> badRequest(request, message, thrown, maxHeadBytes);
            case 404 -> new ContainerRejection(HttpStatus.NOT_FOUND, "No endpoint " + method + " " + request.requestURI() + ".",
                    ProblemExceptionHandler.NO_SUCH_ENDPOINT);
            case 405 -> methodNotAllowed(method);
            case 413 -> new ContainerRejection(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.",
                    new FieldError("body", "is too large"));
            case 414 -> uriTooLong();
            case 416 -> new ContainerRejection(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The requested range cannot be served.",
                    new FieldError("Range", "cannot be satisfied; omit it to get the whole file"));
            case 417 -> new ContainerRejection(HttpStatus.EXPECTATION_FAILED, "The expectation cannot be met.",
                    new FieldError("Expect", "only 100-continue is supported, not " + request.getHeader("expect")));
            case 431 -> headersTooLarge();
            case 501 -> "CONNECT".equals(method)
                    ? methodNotAllowed(method)
                    : new ContainerRejection(HttpStatus.BAD_REQUEST, "The request uses a transfer coding the gateway does not implement.",
                            new FieldError("Transfer-Encoding", "only chunked is supported, not " + headerValues(request, "transfer-encoding")));
            case 505 -> unsupportedProtocol(request);
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                HttpStatus resolved = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
                yield new ContainerRejection(resolved, message == null || message.isBlank()
                        ? resolved.getReasonPhrase() + "." : message, null);
            }
        };
    }

    private static ContainerRejection badRequest(Request request, String message, Throwable thrown, int maxHeadBytes) {
        boolean tooLarge = thrown instanceof IllegalArgumentException && HEAD_TOO_LARGE.equals(thrown.getMessage());
        ContainerRejection rejection = requestLineRejection(request, thrown, tooLarge);
        if (rejection == null) {
            rejection = headRejection(request, thrown, tooLarge, maxHeadBytes);
        }
        if (rejection != null) {
            return rejection;
        }
        if (thrown instanceof IOException) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "The request body cannot be read.",
                    new FieldError("body", reasonOr(thrown, "cannot be read as sent")));
        }
        // Left: the target itself, which Tomcat checks once it has the whole head (characters,
        // %-encoding, dot segments above the root, an absolute form it cannot use).
        return new ContainerRejection(HttpStatus.BAD_REQUEST, "The request path is invalid.", new FieldError("path",
                (message == null || message.isBlank() ? "is invalid" : message)
                        + "; a path holds letters, digits and -._~!$&'()*+,=:@/ or %-escapes of UTF-8"));
    }

    /** The request line part Tomcat could not read, in the order it reads them; {@code null} when it read them all. */
    private static ContainerRejection requestLineRejection(Request request, Throwable thrown, boolean tooLarge) {
        if (unread(request.method())) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "The request line has no valid method.",
                    new FieldError("method", reasonOr(thrown, "must be a token such as GET or POST")));
        }
        if (unread(request.requestURI())) {
            return tooLarge ? uriTooLong() : new ContainerRejection(HttpStatus.BAD_REQUEST, "The request line has an invalid target.",
                    new FieldError("path", reasonOr(thrown, "is not a valid request target")));
        }
        return unread(request.protocol()) ? unsupportedProtocol(request) : null;
    }

    /** A head too large, or the header field at fault; {@code null} when the head is not what Tomcat refused. */
    private static ContainerRejection headRejection(Request request, Throwable thrown, boolean tooLarge, int maxHeadBytes) {
        if (tooLarge && targetIsTheBulk(request, maxHeadBytes)) {
            return uriTooLong();
        }
        if (tooLarge || thrown instanceof IllegalStateException) {
            // IllegalStateException: more header lines than the connector's maxHeaderCount (100).
            return headersTooLarge();
        }
        MimeHeaders headers = request.getMimeHeaders();
        String host = HeaderFields.hostProblem(headers, "HTTP/1.1".equals(request.protocol().toString()));
        if (host != null) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "The Host header is invalid.", new FieldError("Host", host));
        }
        String length = HeaderFields.contentLengthProblem(headers);
        if (length != null) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "The Content-Length header is invalid.",
                    new FieldError("Content-Length", length));
        }
        String coding = HeaderFields.transferEncodingProblem(headers);
        if (coding != null) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "The Transfer-Encoding header is invalid.",
                    new FieldError("Transfer-Encoding", coding));
        }
        if (thrown instanceof IllegalArgumentException) {
            return new ContainerRejection(HttpStatus.BAD_REQUEST, "A header line is invalid.",
                    new FieldError("headers", reasonOr(thrown, "a header line does not conform to RFC 9112")));
        }
        return null;
    }

    private static ContainerRejection methodNotAllowed(String method) {
        return new ContainerRejection(HttpStatus.METHOD_NOT_ALLOWED, "Request method '" + method + "' is not supported.",
                new FieldError("method", method + " is not allowed; lookups are POST, everything else GET"));
    }

    /**
     * Whether the path and query are what made the head too large: they take half of it or more. (The
     * header line Tomcat was reading when it ran out of room is not in what it kept, so the header
     * fields cannot be measured the same way.)
     */
    private static boolean targetIsTheBulk(Request request, int maxHeadBytes) {
        long target = request.requestURI().getLength() + (request.queryString().isNull() ? 0 : request.queryString().getLength());
        return target * 2 >= maxHeadBytes;
    }

    private static ContainerRejection uriTooLong() {
        return new ContainerRejection(HttpStatus.URI_TOO_LONG, "The request target is too long.",
                new FieldError("path", "with its query, makes the request head longer than the gateway reads"));
    }

    private static ContainerRejection headersTooLarge() {
        return new ContainerRejection(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "The request's header fields are too large.",
                new FieldError("headers", "are too large or too many for the gateway to read"));
    }

    private static ContainerRejection unsupportedProtocol(Request request) {
        String protocol = text(request.protocol().toString());
        return new ContainerRejection(HttpStatus.BAD_REQUEST, "The request's protocol version is not supported.",
                new FieldError("protocol", "must be HTTP/1.1 or HTTP/1.0" + (protocol.isEmpty() ? "" : ", not " + protocol)));
    }

    private static String headerValues(Request request, String name) {
        return HeaderFields.items(request.getMimeHeaders(), name).toString().toLowerCase(Locale.ROOT);
    }

    /** A request line part Tomcat did not get to, or could not read. */
    private static boolean unread(MessageBytes part) {
        return part.isNull() || part.getLength() == 0;
    }

    private static String reasonOr(Throwable thrown, String fallback) {
        return thrown == null || thrown.getMessage() == null || thrown.getMessage().isBlank() ? fallback : thrown.getMessage();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
