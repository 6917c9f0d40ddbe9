package dev.geodig.e2e;

import dev.geodig.testkit.TopologyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole geodig topology, started and stopped through the user's own command, {@code ./geodig up
 * --no-build} and {@code ./geodig down}, with every port shifted by an offset and a state directory of
 * its own, so a topology the user runs on the base ports is left alone. Its locations and ports are those
 * of a topology file ({@code deploy/topology.env} unless a test gives another), handed to the script as
 * {@code GEODIG_TOPOLOGY}.
 *
 * <p>Going through the script rather than starting the processes here means the test also proves the
 * documented way of running the system.
 */
final class GeodigTopology implements AutoCloseable {

    /** Names of the telemetry processes (logs and pid files use them), as the script names them. */
    static final List<String> TELEMETRY_PROCESSES =
            List.of("collector-gateway", "collector-orchestrator", "collector-central", "jaeger");

    /**
     * Worker instances per location ({@code GEODIG_WORKERS_PER_LOCATION}) of the shared topology: two, so
     * that a worker can be killed while its location keeps answering, as in production.
     */
    static final int WORKERS_PER_LOCATION = 2;
    /** A small trace store ({@code GEODIG_JAEGER_MAX_TRACES}), so a drill can fill it past capacity. */
    static final int JAEGER_MAX_TRACES = 300;

    private static final Duration UP_BOUND = Duration.ofSeconds(Long.getLong("geodig.e2e.up-timeout-seconds", 600));
    private static final Duration DOWN_BOUND = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 40;

    private final Path repoRoot;
    private final Path stateDir;
    private final TopologyFile topologyFile;
    private final int portOffset;
    private final int workersPerLocation;
    private final Thread downOnExit = new Thread(this::downQuietly, "geodig-down-on-exit");
    /** This run's credentials between the collectors: the script hands them to every collector it starts. */
    private final String collectorUser = "geodig";
    private final String collectorPassword = "e2e-" + java.util.UUID.randomUUID();
    private boolean running;

    private GeodigTopology(Path repoRoot, Path stateDir, TopologyFile topologyFile, int portOffset, int workersPerLocation) {
        this.repoRoot = repoRoot;
        this.stateDir = stateDir;
        this.topologyFile = topologyFile;
        this.portOffset = portOffset;
        this.workersPerLocation = workersPerLocation;
    }

    /** The shared topology as the build configures it (system properties set by the e2e pom). */
    static GeodigTopology configured() {
        return new GeodigTopology(configuredRepoRoot(), configuredStateDir(), TopologyFile.ofRepository(configuredRepoRoot()),
                Integer.getInteger("geodig.e2e.port-offset", 12000), WORKERS_PER_LOCATION);
    }

    /**
     * A topology of its own beside the shared one: another topology file, another port offset, a state
     * directory named after it, one worker per location.
     */
    static GeodigTopology variant(String name, TopologyFile topologyFile, int portOffset) {
        Path stateDir = configuredStateDir().resolveSibling(configuredStateDir().getFileName() + "-" + name);
        return new GeodigTopology(configuredRepoRoot(), stateDir, topologyFile, portOffset, 1);
    }

    static Path configuredRepoRoot() {
        return Path.of(System.getProperty("geodig.repo.root",
                Path.of("").toAbsolutePath().getParent().toString())).toAbsolutePath().normalize();
    }

    private static Path configuredStateDir() {
        return Path.of(System.getProperty("geodig.e2e.state-dir",
                configuredRepoRoot().resolve("e2e/target/e2e-state").toString())).toAbsolutePath().normalize();
    }

    Path repoRoot() {
        return repoRoot;
    }

    Path stateDir() {
        return stateDir;
    }

    Path logFile(String name) {
        return stateDir.resolve("logs").resolve(name + ".log");
    }

    /** The process names of a location's worker instances, as the script names them. */
    List<String> workerInstances(String location) {
        List<String> names = new ArrayList<>();
        names.add("dns-worker-" + location);
        for (int i = 2; i <= workersPerLocation; i++) {
            names.add("dns-worker-" + location + "-" + i);
        }
        return names;
    }

    /** The logs a service writes: one per process, several for a location's workers. */
    List<Path> logFilesOf(String service) {
        if (service.startsWith("dns-worker-")) {
            return workerInstances(service.substring("dns-worker-".length())).stream().map(this::logFile).toList();
        }
        return List.of(logFile(service));
    }

    /** The locations of its topology file, in the file's order. */
    List<String> locations() {
        return topologyFile.locationNames();
    }

    /** A port of its topology file ({@code redis}, {@code gateway}, ...), shifted by this topology's offset. */
    int port(String name) {
        return topologyFile.port(name) + portOffset;
    }

    /** The port a location's DNS server listens on, shifted by this topology's offset. */
    int dnsPort(String location) {
        return topologyFile.location(location).dnsPort() + portOffset;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + port("gateway");
    }

    String jaegerQueryUrl() {
        return "http://127.0.0.1:" + port("jaeger.query-http");
    }

    String collectorUser() {
        return collectorUser;
    }

    String collectorPassword() {
        return collectorPassword;
    }

    String centralCollectorOtlpHttpUrl() {
        return "http://127.0.0.1:" + port("collector-central.otlp-http");
    }

    /**
     * Starts everything with {@code ./geodig up --no-build}; returns when the script says the gateway
     * is ready. On failure, stops what was started and throws with the script's output and log tails.
     */
    void start() {
        Path script = repoRoot.resolve("geodig");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no executable launch script at " + script);
        }
        for (String module : List.of("gateway", "orchestrator", "worker")) {
            Path jar = repoRoot.resolve(module).resolve("target").resolve(module + "-exec.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run the e2e tests through the reactor"
                        + " (./mvnw verify) so the services are packaged first");
            }
        }
        // A run that was killed may have left processes behind on our ports: stop them first.
        downQuietly();
        Runtime.getRuntime().addShutdownHook(downOnExit);
        running = true;
        CommandResult up = runScript(UP_BOUND, "up", "--no-build");
        System.out.println("[e2e] ./geodig up --no-build (exit " + up.exitCode() + "):\n" + up.outputTail(60));
        if (up.exitCode() != 0) {
            String tails = logTails();
            close();
            throw new IllegalStateException("./geodig up --no-build failed with exit code " + up.exitCode()
                    + "\n--- output ---\n" + up.outputTail(80) + "\n--- logs ---\n" + tails);
        }
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        CommandResult down = runScript(DOWN_BOUND, "down");
        System.out.println("[e2e] ./geodig down (exit " + down.exitCode() + "):\n" + down.outputTail(30));
        try {
            Runtime.getRuntime().removeShutdownHook(downOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran: nothing left to unregister.
        }
    }

    private void downQuietly() {
        try {
            runScript(DOWN_BOUND, "down");
        } catch (RuntimeException e) {
            System.err.println("[e2e] ./geodig down failed: " + e);
        }
    }

    /**
     * The pid of one of the topology's processes (e.g. {@code collector-central}) now, as its supervisor
     * knows it ({@code ./geodig pid}): after a restart it is the new process's.
     */
    long pid(String name) {
        ClientRun run = runClient(Duration.ofSeconds(30), "pid", name);
        if (run.exitCode() != 0 || run.stdout().size() != 1) {
            throw new IllegalStateException("./geodig pid " + name + ": " + run);
        }
        return Long.parseLong(run.stdout().getFirst().strip());
    }

    /**
     * Sends {@code signal} ({@code STOP}, {@code CONT}, {@code KILL}, ...) to one of the topology's
     * processes. {@code STOP} freezes a service without closing its sockets: to its peers it is there
     * but never answers. With {@code wholeGroup}, the signal goes to the process's whole process group
     * (a server with its children, as a crash of the machine would take them).
     */
    void signal(String name, String signal, boolean wholeGroup) {
        long pid = pid(name);
        String target = wholeGroup ? "-" + pid : Long.toString(pid);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", target).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " -- " + target + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void signal(String name, String signal) {
        signal(name, signal, false);
    }

    /** {@code ./geodig stop NAME...}: the supervisor stops them and leaves them stopped. */
    void stop(String... names) {
        supervise("stop", names);
    }

    /** {@code ./geodig start NAME...}: the supervisor starts them again. */
    void start(String... names) {
        supervise("start", names);
    }

    private void supervise(String action, String... names) {
        String[] args = new String[names.length + 1];
        args[0] = action;
        System.arraycopy(names, 0, args, 1, names.length);
        ClientRun run = runClient(Duration.ofSeconds(60), args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("./geodig " + action + " " + String.join(" ", names) + ": " + run);
        }
    }

    /** The last lines of every log in the state directory, to see why something failed. */
    String logTails() {
        Path logs = stateDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no log directory " + logs + ")";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(Files::isRegularFile).sorted().toList()) {
                out.append("==> ").append(log).append(" (last ").append(LOG_TAIL_LINES).append(" lines) <==\n");
                for (String line : tail(log, LOG_TAIL_LINES)) {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            out.append("(cannot list ").append(logs).append(": ").append(e).append(")\n");
        }
        return out.toString();
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e + ")");
        }
    }

    /**
     * Runs {@code ./geodig <args>} against this topology, e.g. {@code lookup www.geodig.test}, as a user
     * would in a shell beside it: standard output and standard error apart, neither of them a terminal.
     */
    ClientRun runClient(Duration bound, String... args) {
        try {
            Files.createDirectories(stateDir);
            Path stdout = outputFile(args[0] + ".stdout");
            Path stderr = outputFile(args[0] + ".stderr");
            Process process = script(args).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
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

    /** Beside the state directory (which {@code up} fills and a run may wipe), named after it: {@code e2e-state-up.out}. */
    private Path outputFile(String suffix) {
        return stateDir.resolveSibling(stateDir.getFileName() + "-" + suffix);
    }

    /** What a {@link #runClient} printed, line by line, and its exit code. */
    record ClientRun(int exitCode, List<String> stdout, List<String> stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout)
                    + "\n--- stderr ---\n" + String.join("\n", stderr);
        }
    }

    /** {@code ./geodig <args>} in the repository, with this topology's file, offset, state directory and credentials. */
    private ProcessBuilder script(String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoRoot.resolve("geodig").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repoRoot.toFile());
        Map<String, String> env = builder.environment();
        env.put("GEODIG_TOPOLOGY", topologyFile.file().toAbsolutePath().toString());
        env.put("GEODIG_PORT_OFFSET", Integer.toString(portOffset));
        env.put("GEODIG_STATE_DIR", stateDir.toString());
        env.put("GEODIG_COLLECTOR_USER", collectorUser);
        env.put("GEODIG_COLLECTOR_PASSWORD", collectorPassword);
        // Metric names per service in the central collector's log (the default, basic, prints counts).
        env.put("GEODIG_DEBUG_VERBOSITY", "normal");
        env.put("GEODIG_WORKERS_PER_LOCATION", Integer.toString(workersPerLocation));
        env.put("GEODIG_JAEGER_MAX_TRACES", Integer.toString(JAEGER_MAX_TRACES));
        // Every test client comes from 127.0.0.1: the drills' load would meet the per-client rate limit,
        // which the gateway's own tests prove.
        env.put("GEODIG_GATEWAY_RATE_LIMIT_ENABLED", "false");
        return builder;
    }

    private CommandResult runScript(Duration bound, String... args) {
        try {
            Files.createDirectories(stateDir);
            Path output = outputFile(args[0] + ".out");
            ProcessBuilder builder = script(args)
                    .redirectErrorStream(true)
                    // A file, not a pipe: the background processes the script leaves running must
                    // not hold a pipe of ours open.
                    .redirectOutput(output.toFile());
            Process process = builder.start();
            boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                // Only the script itself: what it started in the background is stopped by `down`.
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new CommandResult(-1, Files.readAllLines(output, StandardCharsets.ISO_8859_1),
                        "timed out after " + bound);
            }
            return new CommandResult(process.exitValue(), Files.readAllLines(output, StandardCharsets.ISO_8859_1), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ./geodig " + String.join(" ", args), e);
        }
    }

    private record CommandResult(int exitCode, List<String> output, String problem) {
        String outputTail(int lines) {
            String text = String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
            return problem == null ? text : text + "\n(" + problem + ")";
        }
    }
}
