package dev.geodig.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The answers the demo DNS gives, read from its own files ({@code deploy/dns/geo.yaml} and
 * {@code geodig.test.zone}) rather than copied into the tests, so a change to the demo data cannot leave a test
 * asserting stale answers. As Knot's geoip module answers: a client subnet inside one of a name's geo nets gets
 * that net's records of the asked type; any other client, any other type and every other name get the zone
 * file's records.
 *
 * <p>Names are written as in the zone file: {@code www}, {@code @} (the zone itself), or fully qualified with the
 * trailing dot. Values are in presentation form, as a resolver's answer shows them: TXT text quoted.
 *
 * @param geo fully qualified name to its geo nets, in the file's order
 * @param zone fully qualified name to record type to the zone file's values
 */
public record GeoMap(Map<String, List<GeoNet>> geo, Map<String, Map<String, List<String>>> zone) {

    /** Where the demo DNS's files are, relative to the repository root. */
    public static final Path IN_REPOSITORY = Path.of("deploy", "dns");
    public static final String ORIGIN = "geodig.test.";


    /** One {@code net} entry of a name: the records a client in it gets, by type. */
    public record GeoNet(SubnetPrefix net, Map<String, List<String>> records) {

        public GeoNet {
            records = Map.copyOf(records);
        }
    }

    public GeoMap {
        geo = Map.copyOf(geo);
        zone = Map.copyOf(zone);
    }

    /** The repository's demo DNS data. */
    public static GeoMap ofRepository(Path repoRoot) {
        return read(repoRoot.resolve(IN_REPOSITORY));
    }

    /** Reads {@code geo.yaml} and {@code geodig.test.zone} from {@code dnsDir}. */
    public static GeoMap read(Path dnsDir) {
        return new GeoMap(readGeo(dnsDir.resolve("geo.yaml")), ZoneFileRecords.read(dnsDir.resolve("geodig.test.zone")));
    }

    /**
     * What a client in {@code clientSubnet} ({@code address/prefix}; {@code null} for a query without a client
     * subnet) gets for {@code name}'s records of {@code type}; empty when there are none (NODATA). A geo CNAME is
     * not followed: ask for {@code CNAME} to see it.
     */
    public List<String> answers(String name, String type, String clientSubnet) {
        String owner = fullyQualified(name);
        if (clientSubnet != null) {
            SubnetPrefix client = SubnetPrefix.parse(clientSubnet);
            for (GeoNet net : geo.getOrDefault(owner, List.of())) {
                if (net.net().contains(client) && net.records().containsKey(type)) {
                    return net.records().get(type);
                }
            }
        }
        return defaults(name, type);
    }

    /** The zone file's records: what a client the geo map does not list gets. */
    public List<String> defaults(String name, String type) {
        return zone.getOrDefault(fullyQualified(name), Map.of()).getOrDefault(type, List.of());
    }

    /** Whether {@code name} has a geo net exactly {@code net}, as a location's client subnet should be written. */
    public boolean lists(String name, String net) {
        SubnetPrefix wanted = SubnetPrefix.parse(net);
        return geo.getOrDefault(fullyQualified(name), List.of()).stream()
                .anyMatch(each -> each.net().contains(wanted) && each.net().prefix() == wanted.prefix());
    }

    static String fullyQualified(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("@")) {
            return ORIGIN;
        }
        return lower.endsWith(".") ? lower : lower + "." + ORIGIN;
    }

    private static Map<String, List<GeoNet>> readGeo(Path file) {
        // Every scalar stays text: YAML 1.1 would read some IPv6 addresses (2001:10) as base-60 numbers.
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()),
                new DumperOptions(), new LoaderOptions(), new Resolver() {
                    @Override
                    protected void addImplicitResolvers() {
                    }
                });
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = yaml.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the geo map " + file, e);
        }
        Map<String, List<GeoNet>> geo = new LinkedHashMap<>();
        for (Map.Entry<?, ?> name : asMap(file, document).entrySet()) {
            List<GeoNet> nets = new ArrayList<>();
            if (!(name.getValue() instanceof List<?> entries)) {
                throw invalid(file, name.getKey() + " is not a list of nets");
            }
            for (Object entry : entries) {
                Map<String, List<String>> records = new LinkedHashMap<>();
                SubnetPrefix net = null;
                for (Map.Entry<?, ?> field : asMap(file, entry).entrySet()) {
                    String key = String.valueOf(field.getKey());
                    if (key.equals("net")) {
                        net = SubnetPrefix.parse(String.valueOf(field.getValue()));
                    } else {
                        List<String> values = field.getValue() instanceof List<?> many
                                ? many.stream().map(String::valueOf).toList() : List.of(String.valueOf(field.getValue()));
                        records.put(key, key.equals("TXT") ? values.stream().map(GeoMap::quotedText).toList() : values);
                    }
                }
                if (net == null) {
                    throw invalid(file, name.getKey() + " has an entry without net");
                }
                nets.add(new GeoNet(net, records));
            }
            geo.put(fullyQualified(String.valueOf(name.getKey())), List.copyOf(nets));
        }
        return geo;
    }

    /** geo.yaml writes TXT text bare; its words are the record's strings, each shown quoted. */
    private static String quotedText(String text) {
        if (text.startsWith("\"")) {
            return text;
        }
        return String.join(" ", List.of(text.strip().split("\\s+")).stream().map(word -> "\"" + word + "\"").toList());
    }

    private static Map<?, ?> asMap(Path file, Object node) {
        if (!(node instanceof Map<?, ?> map)) {
            throw invalid(file, "expected a mapping, found " + node);
        }
        return map;
    }

    static IllegalArgumentException invalid(Path file, String problem) {
        return new IllegalArgumentException("geo map " + file + ": " + problem);
    }
}
