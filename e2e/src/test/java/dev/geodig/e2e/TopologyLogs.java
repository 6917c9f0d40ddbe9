package dev.geodig.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The logs a running topology writes, one per process, in {@code <state dir>/logs/<process>.log}. */
final class TopologyLogs {

    private static final int TAIL_LINES = 40;

    private final Path directory;
    private final TopologyProcesses processes;

    TopologyLogs(Path stateDir, TopologyProcesses processes) {
        this.directory = stateDir.resolve("logs");
        this.processes = processes;
    }

    Path directory() {
        return directory;
    }

    /** The log of one process, e.g. {@code collector-central}. */
    Path of(String process) {
        return directory.resolve(process + ".log");
    }

    /** The logs a service writes: one per process, several for a location's workers. */
    List<Path> ofService(String service) {
        return ServiceNames.locationOf(service)
                .map(location -> processes.workerInstances(location).stream().map(this::of).toList())
                .orElseGet(() -> List.of(of(service)));
    }

    /** The last lines of every log, to see why something failed. */
    String tails() {
        if (!Files.isDirectory(directory)) {
            return "(no log directory " + directory + ")";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path log : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append("==> ").append(log).append(" (last ").append(TAIL_LINES).append(" lines) <==\n");
                for (String line : tail(log, TAIL_LINES)) {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            out.append("(cannot list ").append(directory).append(": ").append(e).append(")\n");
        }
        return out.toString();
    }

    /** Every line of a log; none while it does not exist or cannot be read (a test polls until it can). */
    static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }
}
