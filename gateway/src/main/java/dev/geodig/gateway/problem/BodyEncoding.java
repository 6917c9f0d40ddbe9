package dev.geodig.gateway.problem;

import dev.geodig.contract.Problem.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * How a request's JSON body (a lookup, a fault's setting) is encoded, checked before a byte of it is read,
 * so that no body is read as something other than what its client said it is:
 * <ul>
 *   <li>JSON is UTF-8 (RFC 8259 section 8.1): a {@code charset} naming anything else is refused
 *       rather than ignored;</li>
 *   <li>the gateway decodes no content coding: a body declared {@code Content-Encoding: gzip} is
 *       refused rather than parsed as if it were plain (RFC 9110 section 8.4.1 allows 415 for it).</li>
 * </ul>
 */
public final class BodyEncoding {

    private BodyEncoding() {
    }

    public static void check(HttpHeaders headers) {
        MediaType type = headers.getContentType();
        if (type != null && type.getCharset() != null && !type.getCharset().equals(StandardCharsets.UTF_8)) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON in UTF-8.",
                    List.of(new FieldError("Content-Type", "JSON is UTF-8 (RFC 8259); charset=" + type.getCharset().name()
                            + " is not accepted; send " + MediaType.APPLICATION_JSON_VALUE + " or charset=utf-8")), null);
        }
        List<String> codings = headers.getValuesAsList(HttpHeaders.CONTENT_ENCODING).stream()
                .map(coding -> coding.toLowerCase(Locale.ROOT))
                .filter(coding -> !coding.equals("identity"))
                .toList();
        if (!codings.isEmpty()) {
            HttpHeaders acceptEncoding = new HttpHeaders();
            // RFC 7694: say which codings would be accepted: none but the body as it is.
            acceptEncoding.set(HttpHeaders.ACCEPT_ENCODING, "identity");
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body must be sent without a content coding.",
                    List.of(new FieldError("Content-Encoding", "the gateway decodes no content coding, not " + codings
                            + "; send the JSON as it is")), acceptEncoding, null);
        }
    }
}
