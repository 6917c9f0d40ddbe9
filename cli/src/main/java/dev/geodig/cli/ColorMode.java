package dev.geodig.cli;

import java.util.Map;

/** {@code --color}: whether the output gets ANSI colours. */
enum ColorMode {
    /** Colours when standard output is a terminal that takes them, and the user has not opted out. */
    AUTO,
    ALWAYS,
    NEVER;

    /**
     * The decision. {@code auto} follows the common conventions: no colour when output goes to a file or a
     * pipe, when {@code NO_COLOR} is set to anything non-empty (no-color.org), or when {@code TERM=dumb}
     * (a terminal that cannot draw them, such as Emacs' shell).
     */
    boolean colors(boolean stdoutIsTerminal, Map<String, String> env) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> stdoutIsTerminal
                    && isEmpty(env.get("NO_COLOR"))
                    && !"dumb".equals(env.get("TERM"));
        };
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
