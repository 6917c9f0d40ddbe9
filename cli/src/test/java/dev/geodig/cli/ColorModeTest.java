package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColorModeTest {

    private static final Map<String, String> TERMINAL_ENV = Map.of("TERM", "xterm-256color");

    @Test
    void autoColoursOnlyATerminalThatTakesColour() {
        assertThat(ColorMode.AUTO.colors(true, TERMINAL_ENV)).as("terminal").isTrue();
        assertThat(ColorMode.AUTO.colors(true, Map.of())).as("terminal, TERM unset").isTrue();
        assertThat(ColorMode.AUTO.colors(false, TERMINAL_ENV)).as("pipe or file").isFalse();
        assertThat(ColorMode.AUTO.colors(true, Map.of("TERM", "xterm", "NO_COLOR", "1"))).as("NO_COLOR=1").isFalse();
        assertThat(ColorMode.AUTO.colors(true, Map.of("TERM", "xterm", "NO_COLOR", ""))).as("NO_COLOR empty: not set").isTrue();
        assertThat(ColorMode.AUTO.colors(true, Map.of("TERM", "dumb"))).as("TERM=dumb").isFalse();
    }

    @Test
    void alwaysAndNeverIgnoreTheTerminalAndTheEnvironment() {
        assertThat(ColorMode.ALWAYS.colors(false, Map.of("NO_COLOR", "1", "TERM", "dumb"))).isTrue();
        assertThat(ColorMode.NEVER.colors(true, TERMINAL_ENV)).isFalse();
    }

    @Test
    void colourOptionDecidesThroughTheCommandLine() {
        Io terminal = new Io(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err, TERMINAL_ENV, true);
        Io pipe = new Io(terminal.out(), System.err, TERMINAL_ENV, false);

        assertThat(terminal.colors(ColorMode.AUTO)).isTrue();
        assertThat(pipe.colors(ColorMode.AUTO)).isFalse();
        assertThat(pipe.colors(ColorMode.ALWAYS)).isTrue();
    }

    @Test
    void blockCharactersOnlyWithColoursAndAnOutputThatCanEncodeThem() {
        Io utf8 = new Io(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err, Map.of(), true);
        Io ascii = new Io(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.US_ASCII), System.err, Map.of(), true);

        assertThat(utf8.glyphs(true)).isEqualTo(WaterfallPrinter.Glyphs.BLOCKS);
        assertThat(utf8.glyphs(false)).as("plain text reads the same in any file").isEqualTo(WaterfallPrinter.Glyphs.ASCII);
        assertThat(ascii.glyphs(true)).isEqualTo(WaterfallPrinter.Glyphs.ASCII);
    }

    @Test
    void aTestRunIsNoTerminal() {
        // Surefire's forked JVM writes to a pipe; on JDK 22+ System.console() is not null there, isTerminal() is false.
        assertThat(Terminal.stdoutIsTerminal()).isFalse();
    }
}
