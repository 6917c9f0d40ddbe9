package dev.geodig.bench.lookups;

import dev.geodig.bench.lookups.ProcessUsage.MeasuredProcess;
import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One topology exactly as {@code ./geodig up} starts it, in its own state directory and on its own port
 * offset, driven through the launcher itself: {@code up --no-build}, {@code status} for the pids,
 * {@code topology} for the ports, {@code down}. The launcher's output goes to a log per command.
 */
public final class LaunchedTopology {

    private static final Duration UP_LIMIT = Duration.ofMinutes(15);
    private static final Duration OTHER_LIMIT = Duration.ofMinutes(3);

    final String name;
    static final String SUPERVISOR = "supervisord";

    private final Path launcher;
    private final Path stateDir;
    private final int offset;
    private final Path topologyFile;
    private final Map<String, String> extraEnvironment;
    private final Path logDir;

    /** @param extraEnvironment what this topology's processes get on top of what {@code ./geodig up} gives them */
    public LaunchedTopology(String name, Path launcher, Path stateDir, int offset, Path topologyFile,
            Map<String, String> extraEnvironment, Path logDir) {
        this.name = name;
        this.launcher = launcher;
        this.stateDir = stateDir;
        this.offset = offset;
        this.topologyFile = topologyFile;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.logDir = logDir;
    }

    /**
     * Stops what an interrupted earlier run may have left in this state directory, then starts the topology.
     *
     * @return the wall time of {@code ./geodig up --no-build} alone, which returns once every component is ready
     */
    public Duration up() throws IOException, InterruptedException {
        launch(OTHER_LIMIT, "down");
        long started = System.nanoTime();
        String out = launch(UP_LIMIT, "up", "--no-build");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (out == null) {
            throw new IllegalStateException("./geodig up of the " + name + " topology failed; see " + log("up"));
        }
        return took;
    }

    /**
     * Another launcher command against this topology (its state directory, offset and environment), as a user
     * would type it, e.g. {@code lookup www.geodig.test}.
     *
     * @return its wall time, or null when it exited with another code than 0 (its output is in its log)
     */
    public Duration timed(String... args) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String out = launch(OTHER_LIMIT, args);
        return out == null ? null : Duration.ofNanos(System.nanoTime() - started);
    }

    /** Never throws: it runs when the benchmark ends, however it ends. */
    public void down() {
        try {
            launch(OTHER_LIMIT, "down");
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("bench: ./geodig down of the " + name + " topology: " + e);
        }
    }

    /** Every process of the running topology, each as its process group (see {@link MeasuredProcess}). */
    public List<MeasuredProcess> processes() throws IOException, InterruptedException {
        String out = launch(OTHER_LIMIT, "status");
        if (out == null) {
            throw new IllegalStateException("./geodig status of the " + name + " topology failed; see " + log("status"));
        }
        List<MeasuredProcess> processes = new ArrayList<>(parseStatus(out));
        // The supervisor's CPU is part of what a topology costs; a launcher older than the status row that
        // names it (a baseline checkout) still leaves its pid file.
        Path pidFile = stateDir.resolve("supervisord.pid");
        if (processes.stream().noneMatch(p -> p.name().equals(SUPERVISOR)) && Files.exists(pidFile)) {
            processes.add(new MeasuredProcess(SUPERVISOR, Integer.parseInt(Files.readString(pidFile).strip()), true));
        }
        return processes;
    }

    /** The ports as this topology runs them, offset included. */
    TopologyFile ports() throws IOException, InterruptedException {
        Path file = logDir.resolve(name + "-ports.env");
        Files.writeString(file, printedTopology());
        return TopologyFile.read(file);
    }

    /**
     * One {@code port.<key>} as this topology runs it, offset included, read from what its launcher prints: the
     * only part of that output every version of geodig writes alike, so it serves a baseline checkout too.
     */
    public int port(String key) throws IOException, InterruptedException {
        String prefix = "port." + key + "=";
        return printedTopology().lines().filter(line -> line.startsWith(prefix))
                .map(line -> Integer.parseInt(line.substring(prefix.length()).strip())).findFirst()
                .orElseThrow(() -> new IllegalStateException("./geodig topology of the " + name + " topology prints no " + prefix));
    }

    private String printedTopology() throws IOException, InterruptedException {
        String out = launch(OTHER_LIMIT, "topology");
        if (out == null) {
            throw new IllegalStateException("./geodig topology failed; see " + log("topology"));
        }
        return out;
    }

    /** {@code ./geodig status}: {@code NAME STATE PID UPTIME RESTARTS}, one line per process; all must be RUNNING. */
    static List<MeasuredProcess> parseStatus(String status) {
        List<MeasuredProcess> processes = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        for (String line : status.lines().toList()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].equals("NAME") || line.startsWith("gateway readiness") || line.startsWith("supervisor:")) {
                continue;
            }
            if (f[1].equals("RUNNING") && f[2].matches("[1-9][0-9]*")) {
                processes.add(new MeasuredProcess(f[0], Integer.parseInt(f[2]), true));
            } else {
                notRunning.add(f[0] + " " + f[1]);
            }
        }
        if (!notRunning.isEmpty() || processes.isEmpty()) {
            throw new IllegalStateException("not every process runs: " + (processes.isEmpty() ? "none found" : notRunning));
        }
        return processes;
    }

    /** @return the launcher's output, or null when it failed (its output is in the command's log) */
    private String launch(Duration limit, String... args) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path log = log(args[0]);
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(launcher.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Only what is set here decides where and how the topology runs; a real resolver is never asked.
        env.keySet().removeIf(key -> key.startsWith("GEODIG_RESOLVERS") || key.equals("OTEL_JAVAAGENT_ENABLED")
                || key.equals("OTEL_TRACES_EXPORTER"));
        env.put("GEODIG_STATE_DIR", stateDir.toString());
        env.put("GEODIG_PORT_OFFSET", String.valueOf(offset));
        env.put("GEODIG_TOPOLOGY", topologyFile.toString());
        // Every lookup comes from 127.0.0.1: the gateway's per-client limit would turn most of them away.
        env.put("GEODIG_GATEWAY_RATE_LIMIT_ENABLED", "false");
        env.putAll(extraEnvironment);
        Process process = builder.start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new IllegalStateException("./geodig " + String.join(" ", args) + " (" + name + ") took over " + limit.toMinutes()
                    + " min; see " + log);
        }
        String out = Files.readString(log);
        return process.exitValue() == 0 ? out : null;
    }

    public Path log(String command) {
        return logDir.resolve(name + "-" + command + ".log");
    }
}
