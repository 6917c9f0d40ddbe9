package dev.geodig.cli;

/**
 * How the printers draw: ANSI colours on a terminal, plain text anywhere else. Only ever applied to text
 * already passed through {@link SafeText}, so the only escape sequences in the output are these.
 */
final class Style {

    static final Style PLAIN = new Style(false);
    static final Style COLOR = new Style(true);

    /** The eight-colour ANSI palette (and its bright half): every terminal that takes colour has it. */
    enum Color {
        RED("31"), GREEN("32"), YELLOW("33"), BLUE("34"), MAGENTA("35"), CYAN("36"),
        BRIGHT_BLUE("94"), BRIGHT_MAGENTA("95"), BRIGHT_CYAN("96"), BRIGHT_GREEN("92");

        private final String code;

        Color(String code) {
            this.code = code;
        }
    }

    private static final String RESET = "\u001b[0m";

    private final boolean colored;

    private Style(boolean colored) {
        this.colored = colored;
    }

    boolean colored() {
        return colored;
    }

    String paint(String text, Color color) {
        return sgr(text, color.code);
    }

    String bold(String text) {
        return sgr(text, "1");
    }

    String dim(String text) {
        return sgr(text, "2");
    }

    private String sgr(String text, String code) {
        return colored && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
