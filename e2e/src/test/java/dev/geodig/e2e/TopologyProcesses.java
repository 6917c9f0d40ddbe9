package dev.geodig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a running topology, by the names {@code ./geodig} gives them (its {@code pid},
 * {@code stop} and {@code start} commands take them): found, signalled, stopped and started again.
 */
final class TopologyProcesses {

    /** Names of the telemetry processes (logs and pid files use them), as the script names them. */
    static final List<String> TELEMETRY = List.of("collector-gateway", "collector-orchestrator", "collector-central", "jaeger");

    private static final Duration SUPERVISE_BOUND = Duration.ofSeconds(60);

    private final GeodigCommand geodig;
    private final int workersPerLocation;

    TopologyProcesses(GeodigCommand geodig, int workersPerLocation) {
        this.geodig = geodig;
        this.workersPerLocation = workersPerLocation;
    }

    /** A location's worker instances: {@code dns-worker-<location>}, then {@code dns-worker-<location>-2}, ... */
    List<String> workerInstances(String location) {
        List<String> names = new ArrayList<>();
        names.add(ServiceNames.worker(location));
        for (int i = 2; i <= workersPerLocation; i++) {
            names.add(ServiceNames.worker(location) + "-" + i);
        }
        return names;
    }

    /** The demo resolver (Unbound) every location's worker asks, with its location's client subnet. */
    static final String DNS_RESOLVER = "dns-resolver";

    /**
     * The pid of one of the topology's processes (e.g. {@code collector-central}) now, as its supervisor
     * knows it ({@code ./geodig pid}): after a restart it is the new process's.
     */
    long pid(String name) {
        GeodigCommand.ClientRun run = geodig.run(Duration.ofSeconds(30), "pid", name);
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
        GeodigCommand.ClientRun run = geodig.run(SUPERVISE_BOUND, args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("./geodig " + action + " " + String.join(" ", names) + ": " + run);
        }
    }
}
