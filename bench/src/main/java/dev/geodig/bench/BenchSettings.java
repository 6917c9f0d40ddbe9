package dev.geodig.bench;

import dev.geodig.testkit.TopologyFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one benchmark run does. Every number here bounds the run: rounds and lookups in count, each
 * round also in time ({@link #roundCap}), so the whole run stops by itself.
 *
 * @param concurrencies concurrent clients per load level, each level measured separately
 * @param warmupRounds rounds per mode and level run first and discarded (JIT, pools, stream growth)
 * @param rounds measured rounds per mode and level, the modes interleaved A, B, B, A, ...
 * @param lookupsPerRound lookups each mode runs in one round, at least {@code minLookupsPerClient} per client
 * @param minLookupsPerClient keeps rounds at high concurrency long enough to measure (else a round is over in 0.3 s)
 * @param roundCap a round stops sending new lookups after this long, whatever is left
 * @param topology the topology file naming the locations ({@code deploy/topology.env}, or what {@code ./geodig} uses)
 * @param dnsDir the demo DNS's templates and data (the repo's {@code deploy/dns}): {@code knot.conf}, {@code unbound.conf},
 *     the zone file and {@code geo.yaml}
 * @param workDir Redis and demo DNS working directories and logs
 * @param output the markdown report
 */
record BenchSettings(List<Integer> concurrencies, int warmupRounds, int rounds, int lookupsPerRound, int minLookupsPerClient,
        Duration roundCap,
        Path topology, Path dnsDir, Path workDir, Path output, boolean quick) {

    /** The demo request; without {@code locations} it asks every location of the topology. */
    static final String DEMO_BODY = """
            {"domain":"www.geodig.test","record_types":["A","AAAA"]}""";

    BenchSettings {
        concurrencies = List.copyOf(concurrencies);
        if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1 || c > 256)) {
            throw new IllegalArgumentException("--concurrency: 1..256 each, got " + concurrencies);
        }
        require(warmupRounds >= 0 && warmupRounds <= 10, "--warmup: 0..10");
        require(rounds >= 1 && rounds <= 20, "--rounds: 1..20");
        require(lookupsPerRound >= 1 && lookupsPerRound <= 10_000, "--lookups: 1..10000");
        require(minLookupsPerClient >= 1 && minLookupsPerClient <= 1_000, "--per-client: 1..1000");
        require(!roundCap.isNegative() && !roundCap.isZero() && roundCap.compareTo(Duration.ofMinutes(5)) <= 0,
                "--round-cap: up to 300 s");
    }

    /** {@code --quick}: under a minute; the full run: a few minutes on 2 cores. */
    static BenchSettings parse(String... args) {
        BenchArguments given = BenchArguments.parse(Set.of("concurrency", "warmup", "rounds", "lookups", "per-client",
                "round-cap", "topology", "dns-dir", "work-dir", "out"), args);
        boolean quick = given.quick();
        List<Integer> concurrencies = given.get("concurrency", BenchArguments::integers, List.of(1, 8, 32));
        int warmup = given.get("warmup", Integer::parseInt, quick ? 1 : 2);
        int rounds = given.get("rounds", Integer::parseInt, quick ? 2 : 6);
        int lookups = given.get("lookups", Integer::parseInt, quick ? 100 : 500);
        int perClient = given.get("per-client", Integer::parseInt, quick ? 10 : 50);
        Duration cap = given.get("round-cap", v -> Duration.ofSeconds(Long.parseLong(v)), Duration.ofSeconds(quick ? 15 : 30));
        Path topology = given.get("topology", Path::of, TopologyFile.IN_REPOSITORY);
        Path dnsDir = given.get("dns-dir", Path::of, Path.of("deploy", "dns"));
        Path workDir = given.get("work-dir", Path::of, Path.of("bench", "target", "work"));
        Path output = given.get("out", Path::of, Path.of("bench", "target", "results-modes.md"));
        return new BenchSettings(concurrencies, warmup, rounds, lookups, perClient, cap, topology, dnsDir, workDir, output, quick);
    }

    /** The topology's locations, in its order: one worker each, asking the demo resolver with its client subnet. */
    List<TopologyFile.Location> locations() {
        return TopologyFile.read(topology).locations();
    }

    /** Lookups per round at this concurrency. */
    int lookupsAt(int concurrency) {
        return Math.max(lookupsPerRound, minLookupsPerClient * concurrency);
    }

    String describe() {
        return ("concurrency %s; per mode and level: %d warm-up round(s) discarded, %d measured round(s) of %d lookups"
                + " (at least %d per client; cap %d s each)")
                .formatted(concurrencies, warmupRounds, rounds, lookupsPerRound, minLookupsPerClient, roundCap.toSeconds());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
