package dev.geodig.gateway.traces;

import java.util.regex.Pattern;

/**
 * One {@code tag=key=value} of a trace search: a trace matches when some span of it has the attribute
 * {@code key} with {@code value} (compared as text, as Jaeger compares tags). {@code error=true} is Jaeger's
 * convention for "some span has the status error" ({@code error=false}: none has), not an attribute.
 */
record TagFilter(String key, String value) {

    static final String ERROR_KEY = "error";
    static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern KEY = Pattern.compile("[a-z0-9_.]{1,64}");

    /**
     * The filter {@code tag} writes as {@code key=value}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static TagFilter parse(String tag) {
        int equals = tag.indexOf('=');
        if (equals < 0) {
            throw new IllegalArgumentException("must be key=value, e.g. dns.domain=www.geodig.test");
        }
        String key = tag.substring(0, equals);
        String value = tag.substring(equals + 1);
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("has the key '" + key + "'; a key is 1 to 64 of a-z, 0-9, '_' and '.'");
        }
        String fault = PrintableText.fault(value, MAX_VALUE_LENGTH);
        if (fault != null) {
            throw new IllegalArgumentException("has a value that " + fault);
        }
        if (key.equals(ERROR_KEY) && !value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("error must be true or false (whether some span has the status error)");
        }
        return new TagFilter(key, value);
    }

    boolean isError() {
        return key.equals(ERROR_KEY);
    }

    /** Whether {@code span} has this attribute (never true for {@code error}: that is about the whole trace). */
    boolean matches(OtlpSpan span) {
        return !isError() && value.equals(span.attributeText(key));
    }

    /** For {@code error}: whether a trace with {@code errorSpans} spans of status error matches. */
    boolean matchesErrors(int errorSpans) {
        return Boolean.parseBoolean(value) == (errorSpans > 0);
    }
}
