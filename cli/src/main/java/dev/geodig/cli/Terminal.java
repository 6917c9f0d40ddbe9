package dev.geodig.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal, the input to {@link ColorMode#AUTO}. */
final class Terminal {

    private Terminal() {
    }

    /**
     * Up to JDK 21, {@link System#console()} is {@code null} unless standard input and output are both a
     * terminal. From JDK 22 on it returns a console even when output is redirected, and
     * {@code Console.isTerminal()} (JDK 22+) tells the two apart. The module compiles for Java 21, so that
     * method is looked up by reflection and used where it exists.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException unexpected) {
            // Not knowing means plain text: escape codes in a file are worse than no colours on a terminal.
            return false;
        }
    }
}
