package dev.geodig.cli;

import dev.geodig.cli.Style.Color;
import dev.geodig.contract.TraceList;
import dev.geodig.contract.TraceList.TraceSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The traces a search found, one line each, newest first, under a header: when each started, its id, how long it
 * took, the lookup's status, the domain, how many spans and how many of them failed. Columns line up; every piece
 * of text from the gateway goes through {@link SafeText}. A missing status or domain (a trace that is not a lookup's,
 * or one the orchestrator never saw) is {@code -}.
 */
final class TraceListPrinter {

    private static final String NONE = "-";

    private final Style style;

    TraceListPrinter(Style style) {
        this.style = style;
    }

    List<String> print(TraceList list) {
        List<TraceSummary> traces = list.traces();
        List<Column> columns = List.of(
                new Column("start", false, trace -> SafeText.of(trace.start())),
                new Column("trace", false, trace -> SafeText.of(trace.traceId())),
                new Column("duration", true, trace -> String.format(Locale.ROOT, "%.2f ms", trace.durationMs())),
                new Column("status", false, trace -> trace.lookupStatus() == null ? NONE : SafeText.of(trace.lookupStatus())),
                new Column("domain", false, trace -> trace.domain() == null ? NONE : SafeText.of(trace.domain())),
                new Column("spans", true, trace -> Integer.toString(trace.spanCount())),
                new Column("errors", true, trace -> Integer.toString(trace.errorSpans())));
        List<Integer> widths = columns.stream()
                .map(column -> Math.max(Columns.width(column.title()), Columns.widest(traces.stream().map(column.cell()).toList())))
                .toList();

        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            header.add(cell(columns.get(i), columns.get(i).title(), style.bold(columns.get(i).title()), widths.get(i)));
        }
        lines.add(String.join("  ", header).stripTrailing());
        for (TraceSummary trace : traces) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                String plain = columns.get(i).cell().apply(trace);
                cells.add(cell(columns.get(i), plain, paint(columns.get(i).title(), plain, trace), widths.get(i)));
            }
            lines.add(String.join("  ", cells).stripTrailing());
        }
        return lines;
    }

    /** One column: its title, whether it is a number (right-aligned), and its text for a trace. */
    private record Column(String title, boolean number, Function<TraceSummary, String> cell) {
    }

    private static String cell(Column column, String plain, String painted, int width) {
        return column.number() ? " ".repeat(Math.max(0, width - Columns.width(plain))) + painted
                : Columns.left(plain, painted, width);
    }

    private String paint(String column, String plain, TraceSummary trace) {
        return switch (column) {
            case "status" -> trace.lookupStatus() == null ? style.dim(plain) : style.paint(plain, statusColor(trace.lookupStatus()));
            case "errors" -> trace.errorSpans() > 0 ? style.paint(plain, Color.RED) : plain;
            case "domain" -> trace.domain() == null ? style.dim(plain) : plain;
            default -> plain;
        };
    }

    private static Color statusColor(String status) {
        return switch (status) {
            case "success" -> Color.GREEN;
            case "partial" -> Color.YELLOW;
            default -> Color.RED;
        };
    }
}
