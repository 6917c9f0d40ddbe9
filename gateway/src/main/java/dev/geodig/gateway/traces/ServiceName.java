package dev.geodig.gateway.traces;

import java.util.regex.Pattern;

/** A service's name as a search or a path names it: what OpenTelemetry's {@code service.name} holds in practice. */
final class ServiceName {

    static final String FIELD = "service";
    /** Letters, digits, {@code . _ : -}, starting with a letter or digit: {@code dns-gateway}, {@code unknown_service:java}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private ServiceName() {
    }

    /** Why {@code name} is not a service's name, or {@code null} when it is one. */
    static String fault(String name) {
        return NAME.matcher(name).matches() ? null
                : "must be a service's name: 1 to 100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    }
}
