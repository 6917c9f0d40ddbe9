package dev.geodig.bench.lookups;

import dev.geodig.bench.lookups.ProcessUsage.MeasuredProcess;
import dev.geodig.testkit.TopologyFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The user-level benchmark, {@code ./geodig bench}: lookups through the gateway's HTTP API from wrk,
 * on (a) the topology as {@code ./geodig up} starts it and (b) the same with tracing off, side by side
 * on port offsets 10000 and 11000, against (c) the floor ({@link FloorHarness}); rounds alternate
 * between them at each concurrency ({@link Rounds}). Writes {@code bench/target/lookups.md}
 * ({@link LookupsReport}); docs/benchmarks.md explains it. Both topologies are stopped at the end,
 * however the run ends.
 */
public final class LookupsBenchmark {

    private final LookupsSettings settings;

    private LookupsBenchmark(LookupsSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        LookupsSettings settings;
        try {
            settings = LookupsSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new LookupsBenchmark(settings).run(LookupsSettings.userArguments(args)));
    }

    private int run(String argLine) throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(settings.workDir());
        LaunchedTopology traced = topology(Variant.TRACED, "traced", LookupsSettings.TRACED_OFFSET, Map.of());
        LaunchedTopology untraced = topology(Variant.UNTRACED, "untraced", LookupsSettings.UNTRACED_OFFSET, settings.bEnvironment());
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stopBoth = () -> {
            if (stopped.compareAndSet(false, true)) {
                Rounds.log("stopping both topologies (./geodig down)");
                untraced.down();
                traced.down();
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stopBoth));
        try {
            Rounds.log("settings: " + settings.describe());
            Rounds.log("starting (a) traced on port offset " + LookupsSettings.TRACED_OFFSET + " (log: " + traced.log("up") + ")");
            traced.up();
            Rounds.log("starting " + settings.label(Variant.UNTRACED) + ", " + settings.bEnvironment() + ", on port offset " + LookupsSettings.UNTRACED_OFFSET
                    + " (log: " + untraced.log("up") + ")");
            untraced.up();
            return measure(traced, untraced, started, argLine);
        } finally {
            stopBoth.run();
        }
    }

    private int measure(LaunchedTopology traced, LaunchedTopology untraced, long started, String argLine) throws Exception {
        TopologyFile tracedPorts = traced.ports();
        // (b) may be another version of geodig (--baseline-root), whose topology file this one cannot read: only
        // its ports are read, and it looks up the same locations as (a).
        int untracedGateway = untraced.port("gateway");
        int untracedJaeger = untraced.port("jaeger.query-http");
        List<String> locations = tracedPorts.locationNames();
        List<MeasuredProcess> tracedProcesses = traced.processes();
        try (FloorHarness floor = FloorHarness.start(settings.workDir(), dnsServers(tracedPorts))) {
            List<VariantUnderTest> variants = List.of(
                    new VariantUnderTest(Variant.TRACED, tracedProcesses, wrk(tracedPorts.port("gateway"), tracedPorts.locationNames(), "traced")::run),
                    new VariantUnderTest(Variant.UNTRACED, untraced.processes(), wrk(untracedGateway, tracedPorts.locationNames(), "untraced")::run),
                    new VariantUnderTest(Variant.FLOOR, floorProcesses(floor, tracedProcesses), new FloorLoad(floor)::run));
            Map<Variant, Map<String, Long>> rssBefore = rss(variants);
            Rounds rounds = new Rounds(settings, variants, ProcessUsage.ticksPerSecond(), System.nanoTime() + settings.budget().toNanos());
            String priming = rounds.prime();
            List<LookupsReport.Level> levels = new ArrayList<>();
            for (int concurrency : settings.concurrencies()) {
                LookupsReport.Level level = rounds.measure(concurrency);
                if (level == null) {
                    Rounds.log("c=" + concurrency + " skipped: the run's budget (--max-minutes) is spent");
                } else {
                    levels.add(level);
                }
            }
            Map<Variant, Map<String, Long>> rssAfter = rss(variants);
            String check = "(a)'s Jaeger holds traces of " + RunHeader.tracedServices(tracedPorts.port("jaeger.query-http"))
                    + ", (b)'s of " + RunHeader.tracedServices(untracedJaeger);
            String header = RunHeader.render(settings, argLine, System.nanoTime() - started, locations, check, floor.redisVersion(),
                    priming);
            String report = new LookupsReport(settings::label).render(header, levels, new LookupsReport.Memory(rssBefore, rssAfter));
            Files.writeString(settings.output(), report);
            System.out.println();
            System.out.println(report);
            Rounds.log("written to " + settings.output());
            return verdict(levels);
        }
    }

    /** 0 when every level was measured and every lookup succeeded: otherwise the figures do not compare what they claim to. */
    private int verdict(List<LookupsReport.Level> levels) {
        long nonSuccess = levels.stream().flatMap(l -> l.summaries().values().stream()).mapToLong(VariantSummary::nonSuccess).sum();
        if (nonSuccess > 0) {
            Rounds.log(nonSuccess + " measured lookup(s) did not succeed (see the report)");
        }
        return nonSuccess > 0 || levels.size() < settings.concurrencies().size() ? 1 : 0;
    }

    private LaunchedTopology topology(Variant variant, String name, int offset, Map<String, String> environment) {
        return new LaunchedTopology(name, settings.launcher(variant), settings.stateRoot().resolve(name), offset, settings.topology(variant),
                environment, settings.workDir());
    }

    private WrkLoad wrk(int gatewayPort, List<String> locations, String name) {
        return new WrkLoad(settings.wrkScript(), "http://127.0.0.1:" + gatewayPort, locations,
                settings.workDir().resolve("wrk-" + name + ".txt"));
    }

    /** Every location asks (a)'s one demo resolver (its port as (a) runs it, offset included), each with its own subnet. */
    private static Map<String, LocationResolver> dnsServers(TopologyFile ports) {
        InetSocketAddress resolver = new InetSocketAddress("127.0.0.1", ports.port("dns-resolver"));
        Map<String, LocationResolver> servers = new LinkedHashMap<>();
        ports.locations().forEach(l -> servers.put(l.name(), new LocationResolver(resolver, l.ecs() ? l.sentSubnet() : null)));
        return servers;
    }

    /** The floor's JVM (this one, without its children: wrk and the floor's Redis are children too), its Redis, (a)'s demo DNS. */
    private static List<MeasuredProcess> floorProcesses(FloorHarness floor, List<MeasuredProcess> traced) {
        List<MeasuredProcess> processes = new ArrayList<>(List.of(
                new MeasuredProcess("floor-harness", (int) ProcessHandle.current().pid(), false),
                new MeasuredProcess("redis", floor.redisPid(), false)));
        traced.stream().filter(p -> isDemoDns(p.name())).forEach(processes::add);
        return processes;
    }

    /** The launcher's programs are dns-gateway, dns-orchestrator, dns-worker-*; its other dns-* programs are the demo DNS. */
    private static boolean isDemoDns(String program) {
        return program.startsWith("dns-") && !program.startsWith("dns-worker-")
                && !program.equals("dns-gateway") && !program.equals("dns-orchestrator");
    }

    private static Map<Variant, Map<String, Long>> rss(List<VariantUnderTest> variants) {
        Map<Variant, Map<String, Long>> rss = new EnumMap<>(Variant.class);
        variants.forEach(v -> rss.put(v.variant(), ProcessUsage.rssKib(v.processes())));
        return rss;
    }
}
