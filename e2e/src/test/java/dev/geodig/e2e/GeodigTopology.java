package dev.geodig.e2e;

import dev.geodig.testkit.TopologyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole geodig topology, started and stopped through the user's own command, {@code ./geodig up
 * --no-build} and {@code ./geodig down}, with every port shifted by an offset and a state directory of
 * its own, so a topology the user runs on the base ports is left alone. Its locations and ports are those
 * of a topology file ({@code deploy/topology.env} unless a test gives another), handed to the script as
 * {@code GEODIG_TOPOLOGY}. Its {@link #processes()} and {@link #logs()} are there for the tests to look at.
 *
 * <p>Going through the script rather than starting the processes here means the test also proves the
 * documented way of running the system.
 */
final class GeodigTopology implements AutoCloseable {

    /**
     * Worker instances per location ({@code GEODIG_WORKERS_PER_LOCATION}) of the shared topology: two, so
     * that a worker can be killed while its location keeps answering, as in production.
     */
    static final int WORKERS_PER_LOCATION = 2;
    /** A small trace store ({@code GEODIG_JAEGER_MAX_TRACES}), so a drill can fill it past capacity. */
    static final int JAEGER_MAX_TRACES = 300;

    private static final Duration UP_BOUND = Duration.ofSeconds(Long.getLong("geodig.e2e.up-timeout-seconds", 600));
    private static final Duration DOWN_BOUND = Duration.ofSeconds(120);

    private final Path repoRoot;
    private final Path stateDir;
    private final TopologyFile topologyFile;
    private final int portOffset;
    /** This run's credentials between the collectors: the script hands them to every collector it starts. */
    private final String collectorUser = "geodig";
    private final String collectorPassword = "e2e-" + UUID.randomUUID();
    private final GeodigCommand geodig;
    private final TopologyProcesses processes;
    private final TopologyLogs logs;
    private final Thread downOnExit = new Thread(this::downQuietly, "geodig-down-on-exit");
    private boolean running;

    private GeodigTopology(Path repoRoot, Path stateDir, TopologyFile topologyFile, int portOffset, int workersPerLocation,
            Map<String, String> userEnvironment) {
        this.repoRoot = repoRoot;
        this.stateDir = stateDir;
        this.topologyFile = topologyFile;
        this.portOffset = portOffset;
        Map<String, String> environment = environment(workersPerLocation);
        environment.putAll(userEnvironment);
        this.geodig = new GeodigCommand(repoRoot, stateDir, environment);
        this.processes = new TopologyProcesses(geodig, workersPerLocation);
        this.logs = new TopologyLogs(stateDir, processes);
    }

    /** The shared topology as the build configures it (system properties set by the e2e pom). */
    static GeodigTopology configured() {
        return new GeodigTopology(configuredRepoRoot(), configuredStateDir(), TopologyFile.ofRepository(configuredRepoRoot()),
                Integer.getInteger("geodig.e2e.port-offset", 12000), WORKERS_PER_LOCATION, Map.of());
    }

    /**
     * A topology of its own beside the shared one: another topology file, a port offset of its own (the
     * test that starts it stops it before the next one starts), a state directory named after it, one worker
     * per location, and whatever a user would add to the environment of {@code ./geodig up}.
     */
    static GeodigTopology variant(String name, TopologyFile topologyFile, Map<String, String> userEnvironment) {
        Path stateDir = configuredStateDir().resolveSibling(configuredStateDir().getFileName() + "-" + name);
        return new GeodigTopology(configuredRepoRoot(), stateDir, topologyFile,
                Integer.getInteger("geodig.e2e.own-topology.port-offset", 14000), 1, userEnvironment);
    }

    static Path configuredRepoRoot() {
        return Path.of(System.getProperty("geodig.repo.root",
                Path.of("").toAbsolutePath().getParent().toString())).toAbsolutePath().normalize();
    }

    private static Path configuredStateDir() {
        return Path.of(System.getProperty("geodig.e2e.state-dir",
                configuredRepoRoot().resolve("e2e/target/e2e-state").toString())).toAbsolutePath().normalize();
    }

    /** What every {@code ./geodig} run against this topology is given. */
    private Map<String, String> environment(int workersPerLocation) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GEODIG_TOPOLOGY", topologyFile.file().toAbsolutePath().toString());
        env.put("GEODIG_PORT_OFFSET", Integer.toString(portOffset));
        env.put("GEODIG_STATE_DIR", stateDir.toString());
        env.put("GEODIG_COLLECTOR_USER", collectorUser);
        env.put("GEODIG_COLLECTOR_PASSWORD", collectorPassword);
        env.put("GEODIG_WORKERS_PER_LOCATION", Integer.toString(workersPerLocation));
        env.put("GEODIG_JAEGER_MAX_TRACES", Integer.toString(JAEGER_MAX_TRACES));
        // Every test client comes from 127.0.0.1: the drills' load would meet the per-client rate limit,
        // which the gateway's own tests prove.
        env.put("GEODIG_GATEWAY_RATE_LIMIT_ENABLED", "false");
        // The services start from the AOT caches `./geodig test` trained (docs/startup.md): quicker starts, and
        // AotCacheTest proves the opt-in works.
        env.put("GEODIG_AOT_CACHE", "on");
        return env;
    }

    Path repoRoot() {
        return repoRoot;
    }

    Path stateDir() {
        return stateDir;
    }

    /** Its processes, to find, signal, stop and start. */
    TopologyProcesses processes() {
        return processes;
    }

    TopologyLogs logs() {
        return logs;
    }

    /** {@code ./geodig} as a user runs it beside this topology ({@code lookup}, {@code trace}, ...). */
    GeodigCommand command() {
        return geodig;
    }

    /** The locations of its topology file, in the file's order. */
    List<String> locations() {
        return topologyFile.locationNames();
    }

    /** A port of its topology file ({@code redis}, {@code gateway}, ...), shifted by this topology's offset. */
    int port(String name) {
        return topologyFile.port(name) + portOffset;
    }

    /** The port of the demo resolver every location's worker asks, shifted by this topology's offset. */
    int resolverPort() {
        return port("dns-resolver");
    }

    /** A location as its topology file gives it: its label, client subnet and whether its worker sends it. */
    TopologyFile.Location location(String name) {
        return topologyFile.location(name);
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + port("gateway");
    }

    String jaegerQueryUrl() {
        return "http://127.0.0.1:" + port("jaeger.query-http");
    }

    /** Jaeger's own OTLP/HTTP receiver, which takes spans without credentials (loopback only). */
    String jaegerOtlpHttpUrl() {
        return "http://127.0.0.1:" + port("jaeger.otlp-http");
    }

    /** Prometheus, which holds the services' metrics and the span metrics (loopback only). */
    String prometheusUrl() {
        return "http://127.0.0.1:" + port("prometheus");
    }

    String centralCollectorOtlpHttpUrl() {
        return "http://127.0.0.1:" + port("collector-central.otlp-http");
    }

    String collectorUser() {
        return collectorUser;
    }

    String collectorPassword() {
        return collectorPassword;
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
        GeodigCommand.CombinedRun up = geodig.runCombined(UP_BOUND, "up", "--no-build");
        System.out.println("[e2e] ./geodig up --no-build (exit " + up.exitCode() + "):\n" + up.outputTail(60));
        if (up.exitCode() != 0) {
            String tails = logs.tails();
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
        GeodigCommand.CombinedRun down = geodig.runCombined(DOWN_BOUND, "down");
        System.out.println("[e2e] ./geodig down (exit " + down.exitCode() + "):\n" + down.outputTail(30));
        try {
            Runtime.getRuntime().removeShutdownHook(downOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran: nothing left to unregister.
        }
    }

    private void downQuietly() {
        try {
            geodig.runCombined(DOWN_BOUND, "down");
        } catch (RuntimeException e) {
            System.err.println("[e2e] ./geodig down failed: " + e);
        }
    }
}
