package dev.geodig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./geodig <args>} in the repository, run against one topology: its environment (topology file,
 * port offset, state directory, credentials, ...) is handed to every run. Output goes to files beside the
 * state directory, never to pipes, named after the command: {@code e2e-state-up.out}.
 */
final class GeodigCommand {

    private final Path repoRoot;
    private final Path stateDir;
    private final Map<String, String> environment;

    GeodigCommand(Path repoRoot, Path stateDir, Map<String, String> environment) {
        this.repoRoot = repoRoot;
        this.stateDir = stateDir;
        this.environment = Map.copyOf(environment);
    }

    /** The same command with more in its environment, as a user who sets a variable for one run. */
    GeodigCommand with(Map<String, String> more) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(more);
        return new GeodigCommand(repoRoot, stateDir, merged);
    }

    /** What a {@link #run} printed, line by line, and its exit code. */
    record ClientRun(int exitCode, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                    + "\n--- stderr ---\n" + String.join("\n", stderr);
        }
    }

    /** What a {@link #runCombined} printed, both streams in one, and its exit code ({@code -1} when it timed out). */
    record CombinedRun(int exitCode, List<String> output, String problem) {
        String outputTail(int lines) {
            String text = String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
            return problem == null ? text : text + "\n(" + problem + ")";
        }
    }

    /**
     * Runs {@code ./geodig <args>}, e.g. {@code lookup www.geodig.test}, as a user would in a shell beside
     * the topology: standard output and standard error apart, neither of them a terminal. Throws when it
     * does not finish within {@code bound}.
     */
    ClientRun run(Duration bound, String... args) {
        try {
            Files.createDirectories(stateDir);
            Path stdout = outputFile(args[0] + ".stdout");
            Path stderr = outputFile(args[0] + ".stderr");
            Process process = builder(args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("./geodig " + String.join(" ", args) + " did not finish within " + bound);
            }
            return new ClientRun(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readAllLines(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./geodig " + String.join(" ", args), e);
        }
    }

    /**
     * Runs {@code ./geodig <args>} with both streams in one file, for {@code up} and {@code down}, whose
     * progress and errors read best interleaved. A timeout is reported in the result, not thrown.
     */
    CombinedRun runCombined(Duration bound, String... args) {
        try {
            Files.createDirectories(stateDir);
            Path output = outputFile(args[0] + ".out");
            Process process = builder(args)
                    .redirectErrorStream(true)
                    // A file, not a pipe: the background processes the script leaves running must
                    // not hold a pipe of ours open.
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                // Only the script itself: what it started in the background is stopped by `down`.
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new CombinedRun(-1, Files.readAllLines(output, StandardCharsets.ISO_8859_1), "timed out after " + bound);
            }
            return new CombinedRun(process.exitValue(), Files.readAllLines(output, StandardCharsets.ISO_8859_1), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./geodig " + String.join(" ", args), e);
        }
    }

    /** Beside the state directory (which {@code up} fills and a run may wipe), named after it. */
    private Path outputFile(String suffix) {
        return stateDir.resolveSibling(stateDir.getFileName() + "-" + suffix);
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("geodig").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
        builder.environment().putAll(environment);
        return builder;
    }
}
