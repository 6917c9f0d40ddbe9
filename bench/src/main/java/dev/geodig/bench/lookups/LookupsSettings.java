package dev.geodig.bench.lookups;

import dev.geodig.bench.BenchArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the user-level benchmark does. Every round is bounded in time (wrk's duration, the
 * floor's deadline) and the whole measurement by {@link #budget}: no round starts after it.
 *
 * @param concurrencies connections (clients) per load level, each level measured separately
 * @param rounds measured rounds per variant and level; the variants take turns (a b c, b c a, c a b, ...)
 * @param round how long each measured round sends load
 * @param prime before the first level, each variant alone under the highest level's load for at most this long,
 *     discarded: the services run the full JIT, which needs minutes of load on 2 cores before the lookup's path is
 *     compiled. It goes in steps of {@link Rounds#PRIME_STEP} and ends sooner once the JIT has settled
 * @param primeUntilJitPercent a variant's priming ends after a step in which its JVMs' JIT compilers took at most this
 *     share (in per cent) of its processes' CPU: the lookup's path is compiled, the levels measure the lookup
 * @param warmup one discarded round of this length per variant before each level's measured rounds
 * @param settle after each round's load, before its closing CPU reading: the traced topology's spans are
 *     exported with a delay, and their CPU belongs to the round that made them
 * @param budget no round starts once the measurement has run this long
 * @param untraced how (b) turns tracing off
 * @param baselineJavaOpts when not blank, (b) is not untraced but the same traced topology with these
 *     services' JVM options ({@code GEODIG_JAVA_OPTS}): (a)/(b) then compares two settings side by side
 * @param baselineRoot when not null, (b) is not untraced but the traced topology as another checkout starts it
 *     (its own {@code ./geodig}, jars and configuration, built beforehand): (a)/(b) then compares two versions
 *     side by side. With {@code baselineJavaOpts} too, that checkout runs with those options
 * @param root the repository: {@code ./geodig}, {@code bench/wrk/lookup.lua}, {@code bench/target/}
 * @param stateRoot the two topologies' state directories are {@code traced/} and {@code untraced/} in it
 * @param topology the topology file both topologies run ({@code GEODIG_TOPOLOGY})
 */
record LookupsSettings(List<Integer> concurrencies, int rounds, Duration round, Duration prime, int primeUntilJitPercent,
        Duration warmup, Duration settle, Duration budget, Untraced untraced, String baselineJavaOpts, Path baselineRoot, Path root, Path stateRoot, Path topology) {

    /** Port offsets of (a) and (b); the end-to-end tests use 12000 and 14000. */
    static final int TRACED_OFFSET = 10_000;
    static final int UNTRACED_OFFSET = 11_000;

    LookupsSettings {
        concurrencies = List.copyOf(concurrencies);
        require(!concurrencies.isEmpty() && concurrencies.stream().allMatch(c -> c >= 1 && c <= 256), "--concurrency: 1..256 each");
        require(rounds >= 1 && rounds <= 20, "--rounds: 1..20");
        require(within(round, 1, 300), "--round: 1..300 s");
        require(within(prime, 0, 900), "--prime: 0..900 s");
        require(primeUntilJitPercent >= 0 && primeUntilJitPercent <= 100, "--prime-until-jit: 0..100 (per cent)");
        require(within(warmup, 0, 120), "--warmup: 0..120 s");
        require(within(settle, 0, 30), "--settle: 0..30 s");
        require(within(budget, 60, 7200), "--max-minutes: 1..120");
    }

    /** {@code --quick}: about a minute of load, a smoke run; the full run: about 12 minutes of load. */
    static LookupsSettings parse(String... args) {
        BenchArguments given = BenchArguments.parse(Set.of("concurrency", "rounds", "round", "prime", "prime-until-jit", "warmup", "settle",
                "max-minutes", "untraced", "baseline-java-opts", "baseline-root", "root", "state-root", "topology"), args);
        boolean quick = given.quick();
        List<Integer> concurrencies = given.get("concurrency", BenchArguments::integers, List.of(1, 8, 32, 64));
        int rounds = given.get("rounds", Integer::parseInt, quick ? 1 : 3);
        Duration round = given.get("round", LookupsSettings::seconds, Duration.ofSeconds(quick ? 2 : 15));
        Duration prime = given.get("prime", LookupsSettings::seconds, Duration.ofSeconds(quick ? 5 : 300));
        int primeUntilJit = given.get("prime-until-jit", Integer::parseInt, 3);
        Duration warmup = given.get("warmup", LookupsSettings::seconds, Duration.ofSeconds(quick ? 1 : 5));
        Duration settle = given.get("settle", LookupsSettings::seconds, Duration.ofSeconds(quick ? 1 : 2));
        Duration budget = given.get("max-minutes", v -> Duration.ofMinutes(Long.parseLong(v)), Duration.ofMinutes(quick ? 5 : 30));
        Untraced untraced = given.get("untraced", Untraced::named, Untraced.AGENT_OFF);
        String baselineJavaOpts = given.get("baseline-java-opts", String::strip, "");
        Path baselineRoot = given.get("baseline-root", v -> Path.of(v).toAbsolutePath().normalize(), null);
        require((baselineJavaOpts.isEmpty() && baselineRoot == null) || !given.settings().containsKey("untraced"),
                "--untraced and a baseline (--baseline-java-opts, --baseline-root): (b) is one or the other");
        require(baselineRoot == null || Files.isExecutable(baselineRoot.resolve("geodig")),
                "--baseline-root: no executable ./geodig in " + baselineRoot);
        Path root = given.get("root", Path::of, Path.of(""));
        Path stateRoot = given.get("state-root", Path::of, Path.of(".run", "bench"));
        Path topology = given.get("topology", Path::of, Path.of("deploy", "topology.env"));
        root = root.toAbsolutePath();
        return new LookupsSettings(concurrencies, rounds, round, prime, primeUntilJit, warmup, settle, budget, untraced, baselineJavaOpts, baselineRoot, root,
                root.resolve(stateRoot), root.resolve(topology));
    }

    /** The arguments a user gave, without those the launcher adds (where the repository, state and topology are). */
    static String userArguments(String... args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("--root=") && !a.startsWith("--state-root=") && !a.startsWith("--topology="))
                .collect(java.util.stream.Collectors.joining(" "));
    }

    /** Whether (b) is a baseline (other JVM options, another checkout) rather than (a) untraced. */
    boolean hasBaseline() {
        return !baselineJavaOpts.isEmpty() || baselineRoot != null;
    }

    String label(Variant variant) {
        return variant == Variant.UNTRACED && hasBaseline() ? "(b) baseline" : variant.label;
    }

    /** What (b) adds to the environment of {@code ./geodig up}. */
    Map<String, String> bEnvironment() {
        if (!hasBaseline()) {
            return Map.of(untraced.variable, untraced.value);
        }
        return baselineJavaOpts.isEmpty() ? Map.of() : Map.of("GEODIG_JAVA_OPTS", baselineJavaOpts);
    }

    /** The {@code ./geodig} that starts a variant's topology: (b)'s own checkout's for a baseline of one. */
    Path launcher(Variant variant) {
        return (variant == Variant.UNTRACED && baselineRoot != null ? baselineRoot : root).resolve("geodig");
    }

    /**
     * The topology file a variant's launcher reads: a baseline checkout reads its own (an older launcher may not
     * know the keys of this one's file), with the locations it had then; the others read {@code topology}.
     */
    Path topology(Variant variant) {
        return variant == Variant.UNTRACED && baselineRoot != null
                ? baselineRoot.resolve(root.relativize(topology)) : topology;
    }

    /** (b) for the report's header. */
    String describeB() {
        if (!hasBaseline()) {
            return "**(b) untraced**, the same with tracing off: " + untraced.describe();
        }
        List<String> how = new ArrayList<>();
        if (baselineRoot != null) {
            how.add("as the checkout `" + baselineRoot + "` starts it");
        }
        if (!baselineJavaOpts.isEmpty()) {
            how.add("with the services' JVM options `" + baselineJavaOpts + "`");
        }
        return "**(b) baseline**, the same topology, traced too, " + String.join(", ", how);
    }

    /** What (a)/(b) measures. */
    String abMeaning() {
        return hasBaseline() ? "(a)/(b) compares (a) with the baseline (b)" : "(a)/(b) is the cost of tracing";
    }

    Path wrkScript() {
        return root.resolve("bench/wrk/lookup.lua");
    }

    /** Launcher and wrk output, the floor's Redis. */
    Path workDir() {
        return root.resolve("bench/target/lookups-work");
    }

    Path output() {
        return root.resolve("bench/target/lookups.md");
    }

    String describe() {
        return ("concurrency %s; first each variant alone at the highest level (discarded) for up to %d s, in steps of %d s"
                + " until one in which the JVMs' JIT compilers took at most %d %% of its CPU; per level: a %d s warm-up"
                + " round per variant (discarded), then %d measured round(s) of %d s"
                + " per variant, each followed by %d s of settling before its closing CPU reading; budget %d min")
                .formatted(concurrencies, prime.toSeconds(), Rounds.PRIME_STEP.toSeconds(), primeUntilJitPercent, warmup.toSeconds(),
                        rounds, round.toSeconds(), settle.toSeconds(), budget.toMinutes());
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
