package dev.geodig.cli;

import dev.geodig.cli.Style.Color;
import dev.geodig.contract.Agreement;
import dev.geodig.contract.LocationStatus;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupReport.LocationReport;
import dev.geodig.contract.LookupStatus;
import dev.geodig.contract.Rcode;
import dev.geodig.contract.RecordLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lookup report as a propagation checker shows it: per record type, the verdict, then one row per
 * location with a marker saying which rows got the same answer ({@code =} all the same, a letter per
 * distinct answer when they differ, {@code -} no answer) and, when the queries carried a client subnet,
 * whether the answer was chosen for it ({@link TailoringText}); then each location's status, client
 * subnet and timing, and where to see the trace. Answers that differ are "tailored by location" when
 * every location got the answer chosen for its network, "not tailored" when servers simply disagree.
 *
 * <p>Columns line up across the whole report, so the eye can run down the answers. Every piece of text
 * from the gateway goes through {@link SafeText}.
 */
final class ReportPrinter {

    /** Letters for distinct answers, in the order the locations first got them. */
    private static final String GROUP_MARKERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final List<Color> GROUP_COLORS =
            List.of(Color.CYAN, Color.MAGENTA, Color.BLUE, Color.YELLOW, Color.BRIGHT_CYAN, Color.BRIGHT_MAGENTA);

    private final Style style;
    private final String gatewayUrl;

    /** @param gatewayUrl the gateway's root without a trailing slash, for the page's address */
    ReportPrinter(Style style, String gatewayUrl) {
        this.style = style;
        this.gatewayUrl = gatewayUrl;
    }

    List<String> print(LookupReport report) {
        Map<String, LocationReport> results = report.results();
        List<String> locations = new ArrayList<>(results.keySet());
        int locationWidth = Columns.widest(locations.stream().map(SafeText::of).toList());
        int rcodeWidth = Columns.widest(lookups(results).map(lookup -> wireName(lookup.rcode())).toList());
        // No ECS column at all for a report whose queries carried no client subnet (ECS off, an older gateway).
        int tailoringWidth = Columns.widest(lookups(results).map(TailoringText::of).toList());
        boolean subnetsSent = lookups(results).anyMatch(lookup -> lookup.ecs() != null);

        List<String> lines = new ArrayList<>();
        lines.add(headline(report, locations));
        lines.add(report.traceId() == null ? "trace: none (the gateway runs without tracing)"
                : "trace " + SafeText.of(report.traceId()));
        lines.add("");
        for (Agreement agreement : report.agreement()) {
            lines.add(style.bold(SafeText.of(agreement.recordType())) + "  " + verdict(agreement));
            for (String location : locations) {
                lines.add(row(agreement, location, results.get(location), locationWidth, rcodeWidth, tailoringWidth));
            }
        }
        lines.add("");
        lines.add(style.bold("locations"));
        int statusWidth = Columns.widest(results.values().stream().map(r -> r == null ? "" : wireName(r.status())).toList());
        int subnetWidth = subnetsSent ? Columns.widest(results.values().stream().map(TailoringText::subnet).toList()) : 0;
        for (String location : locations) {
            lines.add(locationRow(location, results.get(location), locationWidth, statusWidth, subnetWidth));
        }
        if (report.traceId() != null) {
            String id = SafeText.of(report.traceId());
            lines.add("");
            lines.add("see the trace:  ./geodig trace " + id);
            lines.add("            or  " + gatewayUrl + "/?trace=" + id);
        }
        return lines.stream().map(String::stripTrailing).toList();
    }

    /** Every lookup in the report, of every location. */
    private static Stream<RecordLookup> lookups(Map<String, LocationReport> results) {
        return results.values().stream()
                .filter(r -> r != null && r.records() != null)
                .flatMap(r -> r.records().values().stream())
                .filter(lookup -> lookup != null);
    }

    private String headline(LookupReport report, List<String> locations) {
        long answered = report.results().values().stream()
                .filter(r -> r != null && r.status() != LocationStatus.TIMEOUT).count();
        String status = wireName(report.status());
        return style.bold(SafeText.of(report.domain())) + ": " + style.paint(status, statusColor(status))
                + ", " + answered + " of " + locations.size() + (locations.size() == 1 ? " location" : " locations")
                + " answered in " + report.durationMs() + " ms";
    }

    private String verdict(Agreement agreement) {
        String missing = agreement.missing().isEmpty() ? ""
                : "no answer from " + String.join(", ", agreement.missing().stream().map(SafeText::of).toList());
        if (agreement.verdict() == null) {
            return style.paint("?", Color.RED) + (missing.isEmpty() ? "" : " (" + missing + ")");
        }
        return switch (agreement.verdict()) {
            case SAME -> style.paint("same everywhere", Color.GREEN);
            // Tailored differences are geo-DNS doing its job; untailored ones are what a propagation check looks for.
            case DIFFER -> (agreement.tailored() ? style.paint("differs, tailored by location", Color.CYAN)
                    : style.paint("differs, not tailored", Color.YELLOW))
                    + " (" + agreement.groups().size() + " different answers"
                    + (missing.isEmpty() ? "" : "; " + missing) + ")";
            case INCOMPLETE -> style.paint("incomplete", Color.RED) + " (" + missing + ")";
        };
    }

    private String row(Agreement agreement, String location, LocationReport report, int locationWidth, int rcodeWidth,
            int tailoringWidth) {
        int group = groupOf(agreement, location);
        String name = Columns.left(SafeText.of(location), locationWidth);
        if (group < 0) {
            LocationStatus status = report == null ? null : report.status();
            String why = status == null || status == LocationStatus.SUCCESS ? "(no result)" : "(no result: " + wireName(status) + ")";
            return "  " + style.paint("-", Color.RED) + "  " + name + "  " + style.dim(why);
        }
        Agreement.Group answer = agreement.groups().get(group);
        RecordLookup lookup = report == null || report.records() == null ? null : report.records().get(agreement.recordType());
        String rcode = wireName(answer.rcode());
        Color rcodeColor = rcodeColor(answer.rcode());
        String rcodeCell = Columns.left(rcode, rcodeColor == null ? rcode : style.paint(rcode, rcodeColor), rcodeWidth);
        String tailoring = TailoringText.of(lookup);
        String tailoringCell = tailoringWidth == 0 ? ""
                : "  " + Columns.left(tailoring, tailoring.startsWith("tailored") ? tailoring : style.dim(tailoring), tailoringWidth);
        return "  " + marker(agreement, group) + "  " + name + "  " + rcodeCell + tailoringCell + "  " + answers(answer, lookup);
    }

    /** The index of the group holding {@code location}, or -1 when it has no outcome for this type. */
    private static int groupOf(Agreement agreement, String location) {
        for (int i = 0; i < agreement.groups().size(); i++) {
            if (agreement.groups().get(i).locations().contains(location)) {
                return i;
            }
        }
        return -1;
    }

    private String marker(Agreement agreement, int group) {
        if (agreement.groups().size() == 1) {
            // One answer among those that came: '=' whether or not some location is missing (its row says so).
            return style.paint("=", Color.GREEN);
        }
        String letter = group < GROUP_MARKERS.length() ? String.valueOf(GROUP_MARKERS.charAt(group)) : "?";
        return style.paint(letter, GROUP_COLORS.get(group % GROUP_COLORS.size()));
    }

    /** The group's answers (sorted, as compared); for an answer without records, why there are none. */
    private String answers(Agreement.Group group, RecordLookup lookup) {
        if (!group.answers().isEmpty()) {
            return String.join(", ", group.answers().stream().map(SafeText::of).toList());
        }
        if (lookup != null && lookup.error() != null && !lookup.error().isBlank()) {
            return style.dim("(" + SafeText.of(lookup.error()) + ")");
        }
        return "";
    }

    private String locationRow(String location, LocationReport report, int locationWidth, int statusWidth, int subnetWidth) {
        String status = report == null ? "" : wireName(report.status());
        StringBuilder row = new StringBuilder("  ").append(Columns.left(SafeText.of(location), locationWidth)).append("  ")
                .append(Columns.left(status, style.paint(status, statusColor(status)), statusWidth));
        if (subnetWidth > 0) {
            row.append("  ").append(Columns.left(TailoringText.subnet(report), subnetWidth));
        }
        if (report != null && report.processingTimeMs() != null) {
            row.append("  ").append(report.processingTimeMs()).append(" ms");
        }
        if (report != null && report.error() != null && !report.error().isBlank()) {
            row.append("  ").append(style.dim(SafeText.of(report.error())));
        }
        return row.toString();
    }

    private static Color statusColor(String status) {
        return switch (status == null ? "" : status) {
            case "success" -> Color.GREEN;
            case "partial" -> Color.YELLOW;
            default -> Color.RED;
        };
    }

    /** {@code null} for NOERROR: the usual answer stays plain, so the unusual ones stand out. */
    private static Color rcodeColor(Rcode rcode) {
        if (rcode == null) {
            return Color.RED;
        }
        return switch (rcode) {
            case NOERROR -> null;
            case NODATA, NXDOMAIN -> Color.YELLOW;
            default -> Color.RED;
        };
    }

    /** A status or response code as the gateway wrote it; {@code ?} for one this client does not know. */
    private static String wireName(LookupStatus status) {
        return status == null ? "?" : status.wireName();
    }

    private static String wireName(LocationStatus status) {
        return status == null ? "?" : status.wireName();
    }

    private static String wireName(Rcode rcode) {
        return rcode == null ? "?" : rcode.name();
    }
}
