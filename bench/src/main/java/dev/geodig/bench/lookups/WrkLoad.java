package dev.geodig.bench.lookups;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load on one topology's gateway from Debian's {@code wrk}, closed loop: each of its connections
 * (keep-alive) sends the next lookup when the last one is answered. The request and what counts as a
 * success are in {@code bench/wrk/lookup.lua}. wrk runs under {@code bash -c '...; times'} so that its
 * own CPU is known too.
 */
public final class WrkLoad {

    /** Well past the orchestrator's result deadline (5 s): a lookup that takes longer is broken. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Path script;
    private final String lookupUrl;
    private final List<String> locations;
    private final Path output;

    public WrkLoad(Path script, String gatewayUrl, List<String> locations, Path output) {
        this.script = script;
        this.lookupUrl = gatewayUrl + "/api/v1/dns/lookup";
        this.locations = List.copyOf(locations);
        this.output = output;
    }

    public RoundLoad run(int connections, Duration duration) throws IOException, InterruptedException {
        // Two threads at most: two cores are shared with everything measured.
        int threads = Math.min(connections, 2);
        List<String> command = List.of("bash", "-c", "wrk \"$@\"; rc=$?; times; exit $rc", "wrk",
                "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--timeout", REQUEST_TIMEOUT.toSeconds() + "s", "-s", script.toString(), lookupUrl, "--", String.join(",", locations));
        Files.createDirectories(output.getParent());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Duration limit = duration.plus(REQUEST_TIMEOUT).plusSeconds(30);
        if (!wrk.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            wrk.descendants().forEach(ProcessHandle::destroyForcibly);
            wrk.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("wrk did not finish within " + limit.toSeconds() + " s (output: " + output + ")");
        }
        String text = Files.readString(output);
        if (wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk exited with " + wrk.exitValue() + ":\n" + text);
        }
        return WrkSummary.parse(text).toRound(WrkSummary.childCpuMillis(text));
    }
}
