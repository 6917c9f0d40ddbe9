package dev.geodig.cli;

import java.util.List;

/**
 * Padding for aligned columns. Widths count code points of the text as printed ({@link SafeText} output,
 * before colour): colour codes take no room on the screen, so a cell is padded from its plain text.
 */
final class Columns {

    private Columns() {
    }

    static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The width of the widest text, 0 for none. */
    static int widest(List<String> texts) {
        return texts.stream().mapToInt(Columns::width).max().orElse(0);
    }

    /** {@code painted} (the colour-coded form of {@code plain}) followed by the spaces {@code plain} needs. */
    static String left(String plain, String painted, int width) {
        return painted + " ".repeat(Math.max(0, width - width(plain)));
    }

    static String left(String plain, int width) {
        return left(plain, plain, width);
    }

    static String right(String plain, int width) {
        return " ".repeat(Math.max(0, width - width(plain))) + plain;
    }
}
