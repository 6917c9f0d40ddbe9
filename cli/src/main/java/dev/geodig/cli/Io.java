package dev.geodig.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of the client talks to besides the gateway: its two output streams, its environment, and
 * whether standard output is a terminal. The real ones in {@link #system()}; tests pass their own.
 */
record Io(PrintStream out, PrintStream err, Map<String, String> env, boolean stdoutIsTerminal) {

    static Io system() {
        return new Io(System.out, System.err, System.getenv(), Terminal.stdoutIsTerminal());
    }

    boolean colors(ColorMode mode) {
        return mode.colors(stdoutIsTerminal, env);
    }

    /** Block characters where standard output can encode them and colours show; ASCII otherwise. */
    WaterfallPrinter.Glyphs glyphs(boolean colors) {
        return colors && out.charset().newEncoder().canEncode(WaterfallPrinter.Glyphs.BLOCKS.bar())
                ? WaterfallPrinter.Glyphs.BLOCKS : WaterfallPrinter.Glyphs.ASCII;
    }

    void printLines(Iterable<String> lines) {
        for (String line : lines) {
            out.println(line);
        }
        out.flush();
    }
}
