package dev.geodig.gateway.traces;

/**
 * Text a client may search by (an operation's name, a tag's value): any visible characters and spaces, bounded,
 * but no control, formatting or unassigned code points, which no span name or attribute of geodig holds and which
 * would only come back to a terminal or a page as something other than they look. The same rule makes text read
 * from spans fit to show ({@link #shown}).
 */
final class PrintableText {

    /** U+FFFD REPLACEMENT CHARACTER: what an invisible code point is shown as, visibly. */
    static final int REPLACEMENT = 0xFFFD;

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
        boolean invisible = text.codePoints().anyMatch(PrintableText::invisible);
        return invisible ? "must hold only visible characters and spaces (no control or formatting characters)" : null;
    }

    /**
     * Text read from a span as the page and the terminal are given it: every invisible code point replaced by
     * U+FFFD, so what is shown is what is there (a bidirectional override or an escape sequence cannot make it look
     * like something else), and at most {@code maxLength} code points, a longer text cut with a note of how much
     * was left out. With {@code lines}, line feeds and tabs stay: a stack trace keeps its lines.
     */
    static String shown(String text, int maxLength, boolean lines) {
        int length = text.codePointCount(0, text.length());
        boolean cut = length > maxLength;
        StringBuilder shown = new StringBuilder(Math.min(text.length(), maxLength * 2) + 32);
        int kept = 0;
        for (int i = 0; i < text.length() && kept < maxLength; kept++) {
            int codePoint = text.codePointAt(i);
            boolean layout = lines && (codePoint == '\n' || codePoint == '\t');
            shown.appendCodePoint(invisible(codePoint) && !layout ? REPLACEMENT : codePoint);
            i += Character.charCount(codePoint);
        }
        if (cut) {
            shown.append(" … (").append(length - maxLength).append(" more characters not shown)");
        }
        return shown.toString();
    }

    private static boolean invisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
