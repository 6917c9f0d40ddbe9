package dev.geodig.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway said went wrong: its RFC 9457 problem document, or, for an answer that is not one
 * (a proxy's error page, another server on the port), the HTTP status alone.
 *
 * @param errors the fields at fault, e.g. {@code domain: must not have empty labels}; empty for 5xx
 * @param traceId the failed request's trace, when the gateway traced it
 */
record Problem(int status, String title, String detail, List<FieldError> errors, String traceId) {

    Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    record FieldError(String field, String reason) {
    }

    /** For standard error: the detail, then one line per field at fault. Every piece made safe to print. */
    List<String> describe(String whatFailed) {
        List<String> lines = new ArrayList<>();
        String reason = detail != null && !detail.isBlank() ? detail
                : title != null && !title.isBlank() ? title
                : "no explanation given";
        lines.add("geodig: " + whatFailed + ": HTTP " + status + ": " + SafeText.of(reason));
        for (FieldError error : errors) {
            lines.add("  " + SafeText.of(error.field()) + ": " + SafeText.of(error.reason()));
        }
        if (traceId != null && !traceId.isBlank()) {
            lines.add("  (trace " + SafeText.of(traceId) + ")");
        }
        return lines;
    }
}
