package dev.geodig.contract;

/** Client input as an error may repeat it: cut short and free of control characters, so it can neither flood nor forge a log line. */
final class ClientText {

    /** How much of a rejected value (a label, a location, a record type) an error repeats. */
    private static final int MAX_VALUE_LENGTH = 64;

    private ClientText() {
    }

    /** A value the client sent, as an error quotes it: a control character shows as {@code ?}, where it was. */
    static String value(String text) {
        return shortened(text, MAX_VALUE_LENGTH, '?');
    }

    /** {@code text} cut to {@code maxLength} characters (and an ellipsis), control characters as spaces; "" for null. */
    static String printable(String text, int maxLength) {
        return shortened(text, maxLength, ' ');
    }

    private static String shortened(String text, int maxLength, char forControl) {
        if (text == null) {
            return "";
        }
        String shown = text.length() <= maxLength ? text : text.substring(0, maxLength) + "…";
        return shown.codePoints()
                .map(cp -> Character.isISOControl(cp) ? forControl : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
