package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo zone file's records by owner and type, in the form a resolver prints them: {@link GeoMap}'s defaults. */
final class ZoneFileRecords {

    private static final Pattern RECORD = Pattern.compile("(\\S+)\\s+(?:[0-9]+\\s+)?IN\\s+([A-Z0-9]+)\\s+(.+)");

    private ZoneFileRecords() {
    }

    /** The one-record-a-line form the demo zone uses: {@code owner [ttl] IN type rdata}, with {@code $ORIGIN}. */
    static Map<String, Map<String, List<String>>> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the zone file " + file, e);
        }
        Map<String, Map<String, List<String>>> zone = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = withoutComment(raw).strip();
            if (line.isEmpty() || line.startsWith("$")) {
                if (line.startsWith("$ORIGIN") && !line.endsWith(GeoMap.ORIGIN)) {
                    throw GeoMap.invalid(file, "its origin is not " + GeoMap.ORIGIN);
                }
                continue;
            }
            Matcher record = RECORD.matcher(line);
            if (!record.matches()) {
                throw GeoMap.invalid(file, "not 'owner [ttl] IN type data': " + raw);
            }
            zone.computeIfAbsent(GeoMap.fullyQualified(record.group(1)), owner -> new LinkedHashMap<>())
                    .computeIfAbsent(record.group(2), type -> new ArrayList<>()).add(singleSpaced(record.group(3)));
        }
        zone.replaceAll((owner, types) -> {
            types.replaceAll((type, values) -> List.copyOf(values));
            return Map.copyOf(types);
        });
        return zone;
    }

    /** The line without its comment: from the first ';' outside a quoted string (TXT text may hold ';'). */
    private static String withoutComment(String line) {
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

    /** Runs of blanks outside quotes become one space, as a resolver's answer prints the fields. */
    private static String singleSpaced(String data) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\\' && i + 1 < data.length()) {
                out.append(c).append(data.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (Character.isWhitespace(c) && !quoted) {
                if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
