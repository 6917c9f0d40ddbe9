package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo DNS as {@code ./geodig} runs it, on free loopback ports: the demo zone's one authoritative server
 * (Knot DNS, answering by EDNS Client Subnet from {@code geo.yaml}) and the caching resolver every worker asks
 * (Unbound, forwarding each query's client subnet and caching per subnet). Both are configured from the
 * repository's templates in {@code deploy/dns}, filled in as the launcher fills them, so a test runs the
 * configuration users run.
 */
public final class DemoDns implements AutoCloseable {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    private final ChildProcess authoritative;
    private final ChildProcess resolver;
    private final int authoritativePort;
    private final int resolverPort;

    private DemoDns(ChildProcess authoritative, ChildProcess resolver, int authoritativePort, int resolverPort) {
        this.authoritative = authoritative;
        this.resolver = resolver;
        this.authoritativePort = authoritativePort;
        this.resolverPort = resolverPort;
    }

    /** With the repository's {@code deploy/dns}, found from a module's working directory as the build runs tests. */
    public static DemoDns start(Path workDir) {
        return start(workDir, Path.of("..").resolve(GeoMap.IN_REPOSITORY));
    }

    /**
     * @param workDir where the rendered configurations, the daemons' state and their logs go
     * @param dnsDir the directory of {@code knot.conf}, {@code unbound.conf}, the zone file and {@code geo.yaml}
     */
    public static DemoDns start(Path workDir, Path dnsDir) {
        int authoritativePort = LoopbackPorts.free();
        int resolverPort = LoopbackPorts.free();
        while (resolverPort == authoritativePort) {
            resolverPort = LoopbackPorts.free();
        }
        Path knotDir = workDir.resolve("knot");
        Path unboundDir = workDir.resolve("unbound");
        Map<String, String> values = Map.of(
                "LISTEN", LoopbackPorts.LOOPBACK,
                "AUTHORITATIVE_ADDRESS", LoopbackPorts.LOOPBACK,
                "AUTHORITATIVE_PORT", Integer.toString(authoritativePort),
                "RESOLVER_PORT", Integer.toString(resolverPort),
                "ZONE_DIR", dnsDir.toAbsolutePath().normalize().toString(),
                // Only loopback clients, as everywhere in the tests.
                "NETWORK_ACCESS", "refuse");
        try {
            Files.createDirectories(knotDir.resolve("db")); // Knot's database directory must exist before it starts
            Files.createDirectories(unboundDir);
            Path knotConf = Files.writeString(knotDir.resolve("knot.conf"),
                    render(Files.readString(dnsDir.resolve("knot.conf")), with(values, "RUN_DIR", knotDir)));
            Path unboundConf = Files.writeString(unboundDir.resolve("unbound.conf"),
                    render(Files.readString(dnsDir.resolve("unbound.conf")), with(values, "RUN_DIR", unboundDir)));

            ChildProcess knot = ChildProcess.start("knotd-" + authoritativePort,
                    List.of("knotd", "-c", knotConf.toString()), knotDir);
            int knotPort = authoritativePort;
            knot.awaitReady(READY_WITHIN, () -> BareDnsQuery.answered(knotPort));
            ChildProcess unbound;
            try {
                unbound = ChildProcess.start("unbound-" + resolverPort,
                        List.of("unbound", "-d", "-c", unboundConf.toString()), unboundDir);
                int unboundPort = resolverPort;
                unbound.awaitReady(READY_WITHIN, () -> BareDnsQuery.answered(unboundPort));
            } catch (RuntimeException notStarted) {
                knot.close();
                throw notStarted;
            }
            return new DemoDns(knot, unbound, authoritativePort, resolverPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo DNS in " + workDir, e);
        }
    }

    /**
     * The template with every {@code ${NAME}} replaced by its value, as the launcher fills it in; a placeholder
     * without a value fails, rather than reach a daemon as text. Comment lines are left as they are: the
     * templates' own comments speak of {@code ${NAME}}.
     */
    static String render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>();
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                out.append('\n');
            }
            if (line.strip().startsWith("#")) {
                out.append(line);
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            while (placeholder.find()) {
                String value = values.get(placeholder.group(1));
                if (value == null) {
                    missing.add(placeholder.group(1));
                    value = placeholder.group();
                }
                placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            placeholder.appendTail(filled);
            if (missing.isEmpty() && filled.indexOf("${") >= 0) {
                missing.add("a malformed one in '" + line.strip() + "'");
            }
            out.append(filled);
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the template leaves placeholders without a value: " + String.join(", ", missing));
        }
        return out.toString();
    }

    private static Map<String, String> with(Map<String, String> values, String name, Path dir) {
        Map<String, String> all = new HashMap<>(values);
        all.put(name, dir.toAbsolutePath().toString());
        return all;
    }

    /** {@code 127.0.0.1:port} of the resolver, the form the worker's resolver setting takes. */
    public String resolverAddress() {
        return LoopbackPorts.LOOPBACK + ":" + resolverPort;
    }

    public int resolverPort() {
        return resolverPort;
    }

    /** {@code 127.0.0.1:port} of Knot, which answers with a scope only to queries that carry a client subnet. */
    public String authoritativeAddress() {
        return LoopbackPorts.LOOPBACK + ":" + authoritativePort;
    }

    public int authoritativePort() {
        return authoritativePort;
    }

    @Override
    public void close() {
        resolver.close();
        authoritative.close();
    }
}
