package dev.geodig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the reports say about the machine they ran on. */
public final class Machine {

    private Machine() {
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, e.g. {@code 23.5 GiB}; {@code unknown} if unreadable. */
    public static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("\\D+", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: the machine's memory is context, not a result
        }
        return "unknown";
    }
}
