package dev.geodig.bench;

import dev.geodig.bench.lookups.LookupsBenchmark;
import dev.geodig.bench.startup.StartupBenchmark;
import java.util.Arrays;

/**
 * The bench jar's entry point, {@code java -jar bench-exec.jar <benchmark> [options]}: {@code lookups}, the
 * user-level benchmark ({@code ./geodig bench}), {@code results-modes}, the result-gathering one
 * ({@code ./geodig bench results-modes}), or {@code startup}, start-up and warm-up ({@code ./geodig bench startup}).
 * docs/benchmarks.md describes them.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        String[] options = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "lookups" -> LookupsBenchmark.main(options);
            case "results-modes" -> ResultsModeBenchmark.main(options);
            case "startup" -> StartupBenchmark.main(options);
            default -> {
                System.err.println("bench: name the benchmark first: lookups, results-modes or startup");
                System.exit(2);
            }
        }
    }
}
