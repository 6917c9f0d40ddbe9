package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A topology file ({@code deploy/topology.env}): the locations, their client subnets and every base port, read by
 * the same rules as {@code ./geodig} reads it (see docs/configuration.md), so tests and launcher agree.
 *
 * @param file where it was read from
 * @param ports base port by name ({@code gateway}, {@code dns-resolver}, ...), without any offset
 * @param locations in the file's order
 */
public record TopologyFile(Path file, Map<String, Integer> ports, List<Location> locations) {

    /** The repository's own topology, relative to the repository root. */
    public static final Path IN_REPOSITORY = Path.of("deploy", "topology.env");

    private static final Pattern LINE = Pattern.compile("([a-z0-9.-]+)=(.*)");
    private static final Pattern PORT_KEY = Pattern.compile("port\\.([a-z0-9]+(?:[.-][a-z0-9]+)*)");
    private static final Pattern LOCATION_KEY = Pattern.compile(
            "location\\.([a-z0-9]+(?:-[a-z0-9]+)*)\\.(label|client-subnet|ecs|dns-port)");

    /**
     * @param label what the page shows for it; {@code null} when the file gives none
     * @param clientSubnet as the file gives it: one or two {@code address/prefix}, comma-separated, at most one
     *        per family; the worker is given exactly this
     * @param ecs whether its worker sends the client subnet at all ({@code location.<name>.ecs}, on by default)
     */
    public record Location(String name, String label, String clientSubnet, boolean ecs) {

        /** The prefix the worker sends as EDNS Client Subnet: the first one listed. */
        public String sentSubnet() {
            return clientSubnet.split(",", -1)[0];
        }
    }

    public TopologyFile {
        ports = Map.copyOf(ports);
        locations = List.copyOf(locations);
    }

    /** The repository's {@code deploy/topology.env}. */
    public static TopologyFile ofRepository(Path repoRoot) {
        return read(repoRoot.resolve(IN_REPOSITORY));
    }

    public static TopologyFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the topology file " + file, e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw invalid(file, "line " + (i + 1) + " is not KEY=VALUE: " + line);
            }
            if (entries.put(matcher.group(1), matcher.group(2).stripTrailing()) != null) {
                throw invalid(file, "line " + (i + 1) + " repeats " + matcher.group(1));
            }
        }
        return fromEntries(file, entries);
    }

    private static TopologyFile fromEntries(Path file, Map<String, String> entries) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, String> subnets = new HashMap<>();
        Map<String, Boolean> ecs = new HashMap<>();
        Set<String> names = new LinkedHashSet<>(); // locations in the order they first appear, as ./geodig lists them
        entries.forEach((key, value) -> {
            Matcher port = PORT_KEY.matcher(key);
            Matcher location = LOCATION_KEY.matcher(key);
            if (port.matches()) {
                ports.put(port.group(1), port(file, key, value));
            } else if (location.matches()) {
                String name = location.group(1);
                switch (location.group(2)) {
                    case "label" -> labels.put(name, label(file, key, value));
                    case "client-subnet" -> subnets.put(name, clientSubnet(file, key, value));
                    case "ecs" -> ecs.put(name, ecs(file, key, value));
                    default -> throw invalid(file, key + " is gone: the locations share one resolver (port.dns-resolver) and"
                            + " each is told apart by the client subnet its worker sends, location." + name
                            + ".client-subnet=<address/prefix> (docs/configuration.md)");
                }
                names.add(name);
            } else {
                throw invalid(file, "unknown key " + key
                        + " (port.<name>, location.<name>.client-subnet, location.<name>.ecs or location.<name>.label)");
            }
        });
        if (names.isEmpty()) {
            throw invalid(file, "no location (location.<name>.client-subnet=<address/prefix>)");
        }
        List<Location> locations = new ArrayList<>();
        for (String name : names) {
            if (!subnets.containsKey(name)) {
                throw invalid(file, "location " + name + " has no location." + name + ".client-subnet");
            }
            locations.add(new Location(name, labels.get(name), subnets.get(name), ecs.getOrDefault(name, true)));
        }
        Set<Integer> seen = new HashSet<>();
        ports.values().stream().filter(port -> !seen.add(port)).findFirst().ifPresent(port -> {
            throw invalid(file, "port " + port + " is given twice");
        });
        return new TopologyFile(file, ports, locations);
    }

    /** The base port called {@code name} in the file, e.g. {@code gateway}. */
    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no port." + name + " in " + file);
        }
        return port;
    }

    public Location location(String name) {
        return locations.stream().filter(location -> location.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no location " + name + " in " + file));
    }

    public List<String> locationNames() {
        return locations.stream().map(Location::name).toList();
    }

    private static int port(Path file, String key, String value) {
        int port = value.matches("[0-9]{1,5}") ? Integer.parseInt(value) : 0;
        if (port < 1 || port > 65535) {
            throw invalid(file, key + " must be a port number from 1 to 65535, not '" + value + "'");
        }
        return port;
    }

    /** Labels reach the gateway inside JSON the launcher writes: no quotes or backslashes. */
    private static String label(Path file, String key, String value) {
        if (value.isEmpty() || !value.matches("[^\"\\\\\\p{Cntrl}]+")) {
            throw invalid(file, key + " must be text without quotes or backslashes, not '" + value + "'");
        }
        return value;
    }

    /** One or two prefixes, one per family: the worker sends the first, the second is the other family's. */
    private static String clientSubnet(Path file, String key, String value) {
        String[] parts = value.split(",", -1);
        if (value.isEmpty() || value.endsWith(",") || parts.length > 2) {
            throw invalid(file, key + " must be one IPv4 and/or one IPv6 address/prefix, comma-separated, not '" + value + "'");
        }
        List<SubnetPrefix> prefixes = new ArrayList<>();
        for (String part : parts) {
            try {
                prefixes.add(SubnetPrefix.parse(part));
            } catch (IllegalArgumentException wrong) {
                throw invalid(file, key + " must be one IPv4 and/or one IPv6 address/prefix (IPv4 prefix 0-32, IPv6 0-128), not '"
                        + part + "'");
            }
        }
        if (prefixes.size() == 2 && prefixes.get(0).isIpv6() == prefixes.get(1).isIpv6()) {
            throw invalid(file, key + " has two " + (prefixes.get(0).isIpv6() ? "IPv6" : "IPv4")
                    + " prefixes, at most one per family: '" + value + "'");
        }
        return value;
    }

    private static boolean ecs(Path file, String key, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw invalid(file, key + " must be on or off, not '" + value + "'");
        };
    }

    private static IllegalArgumentException invalid(Path file, String problem) {
        return new IllegalArgumentException("topology file " + file + ": " + problem);
    }
}
