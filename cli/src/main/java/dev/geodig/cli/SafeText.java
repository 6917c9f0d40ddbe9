package dev.geodig.cli;

import java.nio.charset.StandardCharsets;

/**
 * Text from the network made safe to print on a terminal. DNS answers, span names and error messages
 * may hold anything, ESC included; printed raw, an escape sequence could recolour the screen, move the
 * cursor, retitle the window or hide the lines around it.
 *
 * <p>Every code point that is not visible text (controls, invisible formatting such as bidirectional
 * overrides, line and paragraph separators, lone surrogates, unassigned and private-use code points) is
 * written the way a zone file writes an unprintable byte: {@code \DDD} (decimal) for each byte of its
 * UTF-8 form. ESC becomes {@code \027}, which is also what it means in DNS presentation text, so an
 * escaped answer still reads as a DNS answer. Everything else, backslashes included, is left as it is.
 */
final class SafeText {

    private SafeText() {
    }

    /** {@code text} with every invisible or steering code point escaped; {@code ""} for {@code null}. */
    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (unsafe(codePoint)) {
                if (escaped == null) {
                    escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    escaped.append('\\').append(String.format("%03d", b & 0xff));
                }
            } else if (escaped != null) {
                escaped.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return escaped == null ? text : escaped.toString();
    }

    /** Whether a code point is invisible or steering, i.e. escaped by {@link #of}. */
    static boolean unsafe(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
