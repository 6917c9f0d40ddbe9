package dev.geodig.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code ./geodig lookup} prints (docs/terminal-client.md), line by line, made from the topology's
 * locations and the demo DNS's answers for each (DemoZones): a test compares the client's output with it.
 */
final class ExpectedLookupOutput {

    private final DemoZones zones;
    private final List<String> locations;
    private final int locationWidth;

    ExpectedLookupOutput(DemoZones zones, List<String> locations) {
        this.zones = zones;
        this.locations = List.copyOf(locations);
        this.locationWidth = locations.stream().mapToInt(String::length).max().orElseThrow();
    }

    /** The line "locations" is at: after the headline, the trace, "", one record type's block and "". */
    int locationsLine() {
        return 5 + locations.size();
    }

    /** A location's name, padded to the widest one as the client lines them up. */
    String pad(String location) {
        return location + " ".repeat(locationWidth - location.length());
    }

    /**
     * One location's row: marker, location, rcode, whether the answer was tailored to its client subnet (every
     * row of a block has the same mark here, so no padding), its answers as the gateway compares them (sorted).
     */
    String row(String marker, String location, String rcode, String tailoring, Set<String> answers) {
        return "  " + marker + "  " + pad(location) + "  " + rcode + "  " + tailoring + "  " + String.join(", ", new TreeSet<>(answers));
    }

    /** A location's row of the locations block, as a pattern: its status, the subnet it sent, the time. */
    String locationRowPattern(String location, String status) {
        String subnet = "subnet " + zones.sentSubnet(location);
        String widest = "subnet " + locations.stream().map(zones::sentSubnet).max(Comparator.comparingInt(String::length)).orElseThrow();
        return "  " + Pattern.quote(pad(location)) + "  " + status + "  " + Pattern.quote(subnet)
                + " ".repeat(widest.length() - subnet.length()) + "  \\d+ ms";
    }

    /**
     * One record type's block, from the demo DNS's answers: the verdict, then a row per location in the topology's
     * order, marked {@code a}, {@code b}, ... per distinct answer in that order ({@code =} when there is
     * one). {@code silent}, when not null, is a location that sent no result in time.
     */
    List<String> answerBlock(String type, String owner, String silent) {
        List<Set<String>> distinct = new ArrayList<>();
        for (String location : locations) {
            Set<String> answers = zones.rdata(location, owner, type);
            if (!location.equals(silent) && !distinct.contains(answers)) {
                distinct.add(answers);
            }
        }
        String missing = silent == null ? "" : "no answer from " + silent;
        // Every demo location's subnet is in the geo map: where answers differ, they were tailored to it.
        String verdict = distinct.size() > 1
                ? "differs, tailored by location (" + distinct.size() + " different answers" + (silent == null ? "" : "; " + missing) + ")"
                : silent == null ? "same everywhere" : "incomplete (" + missing + ")";
        List<String> lines = new ArrayList<>();
        lines.add(type + "  " + verdict);
        for (String location : locations) {
            Set<String> answers = zones.rdata(location, owner, type);
            String marker = distinct.size() == 1 ? "=" : String.valueOf((char) ('a' + distinct.indexOf(answers)));
            lines.add(location.equals(silent) ? "  -  " + pad(location) + "  (no result: timeout)"
                    : row(marker, location, "NOERROR", zones.tailoring(location, owner), answers));
        }
        return lines;
    }
}
