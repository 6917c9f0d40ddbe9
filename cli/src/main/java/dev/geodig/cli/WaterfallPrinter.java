package dev.geodig.cli;

import dev.geodig.cli.Style.Color;
import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.SpanRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trace as the page's waterfall, in text: a header (id, span count, services, total duration), then one
 * row per span in the gateway's tree order, indented by depth, with its service, kind, start offset and
 * duration, and a bar on a time axis common to all rows. Spans whose status is error are marked {@code !}
 * and end with their status message.
 */
final class WaterfallPrinter {

    /** Columns of the time axis: at 40, a 15 ms trace draws a cell per 0.4 ms and a row fits 140 columns. */
    static final int BAR_WIDTH = 40;
    /** Longer names (and deep indentation) are cut, so the bars stay on screen. */
    static final int NAME_WIDTH_MAX = 48;

    private static final List<Color> SERVICE_COLORS = List.of(Color.CYAN, Color.MAGENTA, Color.BLUE, Color.GREEN,
            Color.YELLOW, Color.BRIGHT_CYAN, Color.BRIGHT_MAGENTA, Color.BRIGHT_BLUE, Color.BRIGHT_GREEN);

    /**
     * What the bars are drawn with. {@link #ASCII} reads the same in any file, pipe or encoding (the
     * choice for plain text); {@link #BLOCKS} is for a coloured terminal that can show them.
     */
    record Glyphs(char bar, char track, String ellipsis) {
        static final Glyphs ASCII = new Glyphs('#', '.', "...");
        static final Glyphs BLOCKS = new Glyphs('\u2588', '\u00b7', "\u2026");
    }

    private final Style style;
    private final Glyphs glyphs;

    WaterfallPrinter(Style style, Glyphs glyphs) {
        this.style = style;
        this.glyphs = glyphs;
    }

    List<String> print(TraceView trace) {
        List<String> lines = new ArrayList<>();
        long total = Math.max(0, trace.durationUs());
        lines.add(style.bold("trace " + SafeText.of(trace.traceId())) + ": " + trace.spanCount()
                + (trace.spanCount() == 1 ? " span, " : " spans, ") + trace.services().size()
                + (trace.services().size() == 1 ? " service, " : " services, ") + millis(total) + " ms");
        if (trace.startTime() != null) {
            lines.add("started  " + SafeText.of(trace.startTime()));
        }
        lines.add("services " + String.join(" ", trace.services().stream()
                .map(service -> style.paint(SafeText.of(service), serviceColor(trace, service))).toList()));
        if (trace.jaegerUiUrl() != null) {
            lines.add("jaeger   " + SafeText.of(trace.jaegerUiUrl()));
        }
        long orphans = trace.spans().stream().filter(s -> s.depth() == 0 && s.parentSpanId() != null).count();
        if (orphans > 0) {
            lines.add(orphans + (orphans == 1 ? " span's parent is" : " spans' parents are")
                    + " not in the trace (yet): shown as roots");
        }
        lines.add("");

        List<String> names = trace.spans().stream().map(this::indentedName).toList();
        int nameWidth = Math.max(Columns.width("span"), Columns.widest(names));
        int serviceWidth = Math.max(Columns.width("service"),
                Columns.widest(trace.spans().stream().map(s -> SafeText.of(s.service())).toList()));
        int kindWidth = "consumer".length();
        int numberWidth = Math.max("start ms".length(), Columns.width(millis(total)));

        lines.add(style.dim("  " + Columns.left("span", nameWidth) + "  " + Columns.left("service", serviceWidth)
                + "  " + Columns.left("kind", kindWidth) + "  " + Columns.right("start ms", numberWidth)
                + "  " + Columns.right("dur ms", numberWidth) + "  " + axis(total)));
        for (int i = 0; i < trace.spans().size(); i++) {
            lines.add(row(trace, trace.spans().get(i), names.get(i), nameWidth, serviceWidth, kindWidth, numberWidth, total));
        }
        return lines.stream().map(String::stripTrailing).toList();
    }

    private String row(TraceView trace, SpanRow span, String name, int nameWidth, int serviceWidth, int kindWidth,
            int numberWidth, long total) {
        boolean error = span.status() == TraceView.Status.ERROR;
        String service = SafeText.of(span.service());
        String kind = span.kind() == null ? "?" : span.kind().wireName();
        Color color = serviceColor(trace, span.service());
        StringBuilder row = new StringBuilder()
                .append(error ? style.paint("!", Color.RED) : " ").append(' ')
                .append(Columns.left(name, error ? style.paint(name, Color.RED) : name, nameWidth)).append("  ")
                .append(Columns.left(service, style.paint(service, color), serviceWidth)).append("  ")
                .append(Columns.left(kind, style.dim(kind), kindWidth)).append("  ")
                .append(Columns.right(millis(span.startOffsetUs()), numberWidth)).append("  ")
                .append(Columns.right(millis(span.durationUs()), numberWidth)).append("  ")
                .append(bar(span, total, color));
        if (error) {
            String message = span.statusMessage() == null || span.statusMessage().isBlank()
                    ? "error" : "error: " + SafeText.of(span.statusMessage());
            row.append("  ").append(style.paint(message, Color.RED));
        }
        return row.toString();
    }

    private String indentedName(SpanRow span) {
        String name = "  ".repeat(Math.max(0, span.depth())) + SafeText.of(span.name());
        if (Columns.width(name) <= NAME_WIDTH_MAX) {
            return name;
        }
        int keep = NAME_WIDTH_MAX - Columns.width(glyphs.ellipsis());
        return name.substring(0, name.offsetByCodePoints(0, keep)) + glyphs.ellipsis();
    }

    /**
     * The span's cells on the common axis: it starts at the cell its offset falls in and covers every cell
     * it overlaps, at least one, so the shortest span still shows where it happened.
     */
    String bar(SpanRow span, long total, Color color) {
        int start;
        int end;
        if (total <= 0) {
            start = 0;
            end = 1;
        } else {
            long offset = Math.clamp(span.startOffsetUs(), 0, total);
            long finish = Math.clamp(span.startOffsetUs() + Math.max(0, span.durationUs()), offset, total);
            start = (int) Math.min(BAR_WIDTH - 1, offset * BAR_WIDTH / total);
            end = (int) Math.min(BAR_WIDTH, Math.max(start + 1, ceilDiv(finish * BAR_WIDTH, total)));
        }
        String before = String.valueOf(glyphs.track()).repeat(start);
        String filled = String.valueOf(glyphs.bar()).repeat(end - start);
        String after = String.valueOf(glyphs.track()).repeat(BAR_WIDTH - end);
        return style.dim(before) + style.paint(filled, color) + style.dim(after);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    /** "0" under the first cell, the total above the last one. */
    private static String axis(long total) {
        String end = millis(total) + " ms";
        return "0" + " ".repeat(Math.max(1, BAR_WIDTH - 1 - end.length())) + end;
    }

    private Color serviceColor(TraceView trace, String service) {
        int index = trace.services().indexOf(service);
        if (index < 0) {
            // Not in the service list (an older gateway, or no service name): a stable colour all the same.
            index = Math.floorMod(String.valueOf(service).hashCode(), SERVICE_COLORS.size());
        }
        return SERVICE_COLORS.get(index % SERVICE_COLORS.size());
    }

    /** Microseconds as milliseconds with two decimals: the spans of one lookup last from 0.05 ms to seconds. */
    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
