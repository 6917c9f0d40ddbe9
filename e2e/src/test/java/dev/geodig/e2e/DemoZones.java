package dev.geodig.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expected answers, read from the demo zone files the topology serves (deploy/dns/<location>.zone)
 * rather than copied into the tests, so a change to the zones cannot leave the tests asserting stale data.
 *
 * <p>Reads the simple one-record-per-line form those files use: {@code owner [ttl] IN type rdata}.
 */
final class DemoZones {

    private static final Set<String> CLASSES = Set.of("IN");

    private final Path zoneDir;

    DemoZones(GeodigTopology topology) {
        this.zoneDir = topology.repoRoot().resolve("deploy").resolve("dns");
    }

    /**
     * The rdata of every record of {@code type} owned by {@code owner} (relative to the zone origin,
     * e.g. {@code www}) in the location's zone.
     */
    Set<String> rdata(String location, String owner, String type) {
        Path zone = zoneDir.resolve(location + ".zone");
        List<String> lines;
        try {
            lines = Files.readAllLines(zone);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> values = new TreeSet<>();
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isBlank() || line.startsWith("$") || Character.isWhitespace(line.charAt(0))) {
                continue; // directives and continuation lines do not occur for the names we check
            }
            String[] fields = line.trim().split("\\s+");
            int classAt = -1;
            for (int i = 1; i < fields.length; i++) {
                if (CLASSES.contains(fields[i].toUpperCase(Locale.ROOT))) {
                    classAt = i;
                    break;
                }
            }
            if (classAt < 0 || classAt + 2 >= fields.length) {
                continue;
            }
            if (fields[0].equalsIgnoreCase(owner) && fields[classAt + 1].equalsIgnoreCase(type)) {
                values.add(String.join(" ", List.of(fields).subList(classAt + 2, fields.length)));
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("no " + type + " record for " + owner + " in " + zone);
        }
        return values;
    }

    /** The line without its comment: from the first ';' outside a quoted string (TXT text may hold ';'). */
    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++; // an escaped character, \" included, is never a quote or a comment
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
