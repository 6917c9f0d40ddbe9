package dev.geodig.bench.startup;

import dev.geodig.bench.BenchArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one run of the start-up benchmark does. Every load is bounded in time (wrk's duration, the at-rest
 * lookups' count and timeout) and the whole run by {@link #budget}: no start begins after it.
 *
 * @param runs starts per variant; the variants alternate (a b, b a, ...) and the report takes the median over runs
 * @param windows consecutive windows of load from the first request: the warm-up curve; the last one is "steady"
 * @param window how long each window loads the gateway
 * @param connections wrk's connections in the windows and the soak
 * @param atRest single lookups, one every {@link #AT_REST_INTERVAL}, after the windows and {@link #QUIET}
 * @param soak more load after the at-rest lookups, before the last RSS reading (0: none)
 * @param budget no start begins once the run has taken this long
 * @param baselineRoot when not null, (b) is the topology as that checkout's {@code ./geodig up --no-build} starts it
 *     (built beforehand); otherwise (b) is this checkout with {@code GEODIG_AOT_CACHE=off}
 * @param root this checkout: {@code ./geodig}, {@code bench/wrk/lookup.lua}, {@code bench/target/}
 * @param stateRoot the variants' state directories are {@code startup-a/} and {@code startup-b/} in it
 * @param topology the topology file (a) runs ({@code GEODIG_TOPOLOGY}); its locations are every lookup's
 */
record StartupSettings(int runs, int windows, Duration window, int connections, int atRest, Duration soak, Duration budget,
        Path baselineRoot, Path root, Path stateRoot, Path topology) {

    /** (a)'s and (b)'s port offsets, as the lookups benchmark's; never both up at once. */
    static final int A_OFFSET = 10_000;
    static final int B_OFFSET = 11_000;
    static final int CLI_RUNS = 5;
    static final Duration AT_REST_INTERVAL = Duration.ofMillis(500);
    /** Between the last window and the first at-rest lookup: the load's queues and exports drain. */
    static final Duration QUIET = Duration.ofSeconds(5);

    StartupSettings {
        require(runs >= 1 && runs <= 10, "--runs: 1..10");
        require(windows >= 2 && windows <= 30, "--windows: 2..30 (the first and the steady one at least)");
        require(within(window, 5, 300), "--window: 5..300 s");
        require(connections >= 1 && connections <= 256, "--connections: 1..256");
        require(atRest >= 1 && atRest <= 1000, "--at-rest: 1..1000");
        require(within(soak, 0, 3600), "--soak: 0..3600 s");
        require(within(budget, 60, 10_800), "--max-minutes: 1..180");
        require(baselineRoot == null || Files.isExecutable(baselineRoot.resolve("geodig")),
                "--baseline-root: no executable ./geodig in " + baselineRoot);
    }

    /** {@code --quick}: one start per variant, 40 s of windows and a 20 s soak: a smoke run. */
    static StartupSettings parse(String... args) {
        BenchArguments given = BenchArguments.parse(Set.of("runs", "windows", "window", "connections", "at-rest", "soak", "max-minutes",
                "baseline-root", "root", "state-root", "topology"), args);
        boolean quick = given.quick();
        try {
            int runs = given.get("runs", Integer::parseInt, quick ? 1 : 2);
            int windows = given.get("windows", Integer::parseInt, quick ? 2 : 6);
            Duration window = given.get("window", StartupSettings::seconds, Duration.ofSeconds(20));
            int connections = given.get("connections", Integer::parseInt, 32);
            int atRest = given.get("at-rest", Integer::parseInt, 40);
            Duration soak = given.get("soak", StartupSettings::seconds, Duration.ofSeconds(quick ? 20 : 120));
            Duration budget = given.get("max-minutes", v -> Duration.ofMinutes(Long.parseLong(v)), Duration.ofMinutes(40));
            Path baselineRoot = given.get("baseline-root", v -> Path.of(v).toAbsolutePath().normalize(), null);
            Path root = given.get("root", Path::of, Path.of("")).toAbsolutePath();
            Path stateRoot = root.resolve(given.get("state-root", Path::of, Path.of(".run", "bench")));
            Path topology = root.resolve(given.get("topology", Path::of, Path.of("deploy", "topology.env")));
            return new StartupSettings(runs, windows, window, connections, atRest, soak, budget, baselineRoot, root, stateRoot, topology);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: " + e.getMessage(), e);
        }
    }

    /** The arguments a user gave, without those the launcher adds (where the repository, state and topology are). */
    static String userArguments(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--root=") && !a.startsWith("--state-root=") && !a.startsWith("--topology="))
                .collect(Collectors.joining(" "));
    }

    String label(StartupVariant variant) {
        if (variant == StartupVariant.A) {
            return "(a) as up starts it";
        }
        return baselineRoot == null ? "(b) AOT cache off" : "(b) baseline";
    }

    /**
     * What a variant's launcher commands get on top of the lookups benchmark's (state dir, offset, rate limit off).
     * (a) names the cache's default, so that a {@code GEODIG_AOT_CACHE=off} in the caller's shell cannot make (a) into (b).
     */
    Map<String, String> environment(StartupVariant variant) {
        if (variant == StartupVariant.A) {
            return Map.of("GEODIG_AOT_CACHE", "on");
        }
        return baselineRoot == null ? Map.of("GEODIG_AOT_CACHE", "off") : Map.of();
    }

    /** The {@code ./geodig} that starts a variant: (b)'s own checkout's for a baseline. */
    Path launcher(StartupVariant variant) {
        return (variant == StartupVariant.B && baselineRoot != null ? baselineRoot : root).resolve("geodig");
    }

    /** A baseline checkout reads its own topology file: an older launcher may not know this one's keys. */
    Path topology(StartupVariant variant) {
        return variant == StartupVariant.B && baselineRoot != null ? baselineRoot.resolve(root.relativize(topology)) : topology;
    }

    int offset(StartupVariant variant) {
        return variant == StartupVariant.A ? A_OFFSET : B_OFFSET;
    }

    Path stateDir(StartupVariant variant) {
        return stateRoot.resolve("startup-" + variant.letter);
    }

    String describeB() {
        return baselineRoot == null
                ? "**(b) AOT cache off**: the same checkout with `GEODIG_AOT_CACHE=off` (services and CLI start without their AOT caches)"
                : "**(b) baseline**: the topology as the checkout `" + baselineRoot + "` starts it (`./geodig up --no-build` there)";
    }

    Path wrkScript() {
        return root.resolve("bench/wrk/lookup.lua");
    }

    /** The launcher's logs and wrk's output. */
    Path workDir() {
        return root.resolve("bench/target/startup-work");
    }

    Path output() {
        return root.resolve("bench/target/startup.md");
    }

    String describe() {
        return ("%d start(s) per variant, alternating; per start: %d window(s) of %d s at %d connections from the first request,"
                + " %d s quiet, %d lookup(s) at rest one every %d ms, the CLI %d times, a %d s soak at %d connections; budget %d min")
                .formatted(runs, windows, window.toSeconds(), connections, QUIET.toSeconds(), atRest, AT_REST_INTERVAL.toMillis(), CLI_RUNS,
                        soak.toSeconds(), connections, budget.toMinutes());
    }

    private static boolean within(Duration d, long minSeconds, long maxSeconds) {
        return d.toSeconds() >= minSeconds && d.toSeconds() <= maxSeconds;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value));
    }
}
