package dev.geodig.gateway.traces;

/**
 * Text a client may search by (an operation's name, a tag's value): any visible characters and spaces, bounded,
 * but no control, formatting or unassigned code points, which no span name or attribute of geodig holds and which
 * would only come back to a terminal or a page as something other than they look.
 */
final class PrintableText {

    private PrintableText() {
    }

    /** Why {@code text} is not such text, or {@code null} when it is. */
    static String fault(String text, int maxLength) {
        if (text.isEmpty()) {
            return "must not be empty";
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return "must be at most " + maxLength + " characters";
        }
        boolean invisible = text.codePoints().anyMatch(codePoint -> switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        });
        return invisible ? "must hold only visible characters and spaces (no control or formatting characters)" : null;
    }
}
