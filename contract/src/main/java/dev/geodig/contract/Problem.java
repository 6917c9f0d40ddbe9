package dev.geodig.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An error answer of geodig's HTTP services: {@code application/problem+json} as RFC 9457 has it.
 * The gateway and the orchestrator build every one of theirs with {@link #of}, so one bad request gets
 * one answer whoever refuses it; the terminal client reads it back into this record.
 *
 * @param type always {@code about:blank}: the status says what kind of error it is
 * @param title the status's reason phrase
 * @param detail what went wrong, in a sentence
 * @param instance the path of the request it answers
 * @param errors what the client must change, one entry per field at fault, empty when no one field is;
 *     absent from a 5xx, whose cause is never the client's to fix
 * @param traceId the request's trace, when it was traced
 */
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("instance") String instance,
        @JsonProperty("errors") @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors,
        @JsonProperty("trace_id") @JsonInclude(JsonInclude.Include.NON_NULL) String traceId) {

    /** RFC 9457's type for "the status code is the whole story", written out rather than implied. */
    private static final String ABOUT_BLANK = "about:blank";

    /** Client text longer than this (a 20 kB path, a header echoed back) is cut: the answer says what is wrong, not all of it. */
    private static final int MAX_ECHO = 500;

    public Problem {
        errors = errors == null ? null : List.copyOf(errors);
    }

    /** One field the client must change, and why; a header or the path counts as a field. */
    public record FieldError(@JsonProperty("field") String field, @JsonProperty("reason") String reason) {
    }

    /**
     * A problem with its text made safe to repeat: no control characters, no more than
     * {@value #MAX_ECHO} characters of anything the client sent.
     *
     * @param detail {@code null} or blank for the title alone
     */
    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        String shownDetail = detail == null || detail.isBlank()
                ? (title == null ? "The request failed." : title + ".")
                : ClientText.printable(detail, MAX_ECHO);
        List<FieldError> shownErrors = errors == null ? List.of() : errors.stream()
                .map(error -> new FieldError(ClientText.printable(error.field(), MAX_ECHO),
                        ClientText.printable(error.reason(), MAX_ECHO)))
                .toList();
        return new Problem(ABOUT_BLANK, title, status, shownDetail, null,
                status >= 500 && shownErrors.isEmpty() ? null : shownErrors, null);
    }

    /** This problem as the answer to a request for {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, instance(path), errors, traceId);
    }

    /** This problem with the trace of the request it answers; {@code null} for an untraced one. */
    public Problem tracedAs(String traceId) {
        return new Problem(type, title, status, detail, instance, errors, traceId);
    }

    /**
     * A path as a problem's {@code instance}: a relative URI reference. A path a server refused may not
     * even parse as a URI (it holds {@code <} or a raw byte above 127), so what cannot be a URI is
     * percent-encoded, and a path too long to be worth repeating is cut. A path that starts with
     * {@code //} would read as a host name ({@code //evil.example/x}), so it is written
     * {@code /.//evil.example/x}, the same path once dot segments are removed (RFC 3986 section 5.2.4).
     */
    static String instance(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return "/";
        }
        String shown = path.length() <= MAX_ECHO ? path : path.substring(0, MAX_ECHO);
        if (shown.startsWith("//")) {
            shown = "/." + shown;
        }
        try {
            return URI.create(shown).toString();
        } catch (IllegalArgumentException notAUri) {
            StringBuilder encoded = new StringBuilder();
            for (byte b : shown.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c > 0x20 && c < 0x7f && "<>\"{}|\\^`%[] ".indexOf(c) < 0) {
                    encoded.append((char) c);
                } else {
                    encoded.append('%').append(String.format("%02X", c));
                }
            }
            try {
                return URI.create(encoded.toString()).toString();
            } catch (IllegalArgumentException stillNot) {
                return "/";
            }
        }
    }
}
