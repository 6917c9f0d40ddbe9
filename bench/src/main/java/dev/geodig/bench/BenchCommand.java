package dev.geodig.bench;

import dev.geodig.bench.lookups.LookupsBenchmark;
import java.util.Arrays;

/**
 * The bench jar's entry point, {@code java -jar bench-exec.jar <benchmark> [options]}: {@code lookups}, the
 * user-level benchmark ({@code ./geodig bench}), or {@code results-modes}, the result-gathering one
 * ({@code ./geodig bench results-modes}). docs/benchmarks.md describes both.
 */
public final class BenchCommand {

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        String[] options = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "lookups" -> LookupsBenchmark.main(options);
            case "results-modes" -> ResultsModeBenchmark.main(options);
            default -> {
                System.err.println("bench: name the benchmark first: lookups or results-modes");
                System.exit(2);
            }
        }
    }
}
