package dev.geodig.cli;

import dev.geodig.cli.Style.Color;
import dev.geodig.contract.faults.FaultsView;
import dev.geodig.contract.faults.FaultsView.ActiveFault;
import dev.geodig.contract.faults.FaultsView.FaultKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults as the gateway reports them: the banner (or {@code no faults on}), then one line per setting that is on
 * and one per fault that is off, in the gateway's order, columns aligned; then, when changes are not possible, why.
 * Every piece of text from the gateway goes through {@link SafeText}.
 */
final class FaultListPrinter {

    private static final String NONE = "-";
    private static final String OFF = "off";

    private final Style style;

    FaultListPrinter(Style style) {
        this.style = style;
    }

    /** One line of the table, as plain text; {@code on} says whether it is a setting that is on. */
    private record Row(String fault, String location, String setting, String rate, boolean on) {
    }

    List<String> print(FaultsView view) {
        List<Row> rows = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (FaultKind kind : view.faults()) {
            listed.add(kind.fault());
            List<ActiveFault> settings = view.active().stream().filter(active -> kind.fault().equals(active.fault())).toList();
            if (settings.isEmpty()) {
                rows.add(new Row(SafeText.of(kind.fault()), NONE, OFF, "", false));
            }
            settings.forEach(active -> rows.add(row(active)));
        }
        // A setting of a fault the list does not name (a gateway newer than its own list, a hand-edited file) still shows.
        view.active().stream().filter(active -> !listed.contains(active.fault())).forEach(active -> rows.add(row(active)));

        List<String> lines = new ArrayList<>();
        lines.add(view.banner() == null ? "no faults on" : style.paint(SafeText.of(view.banner()), Color.YELLOW));
        int faultWidth = Math.max(Columns.width("fault"), Columns.widest(rows.stream().map(Row::fault).toList()));
        int locationWidth = Math.max(Columns.width("location"), Columns.widest(rows.stream().map(Row::location).toList()));
        int settingWidth = Math.max(Columns.width("setting"), Columns.widest(rows.stream().map(Row::setting).toList()));
        int rateWidth = Math.max(Columns.width("rate"), Columns.widest(rows.stream().map(Row::rate).toList()));
        lines.add(String.join("  ", Columns.left("fault", style.bold("fault"), faultWidth),
                Columns.left("location", style.bold("location"), locationWidth),
                Columns.left("setting", style.bold("setting"), settingWidth),
                " ".repeat(rateWidth - Columns.width("rate")) + style.bold("rate")).stripTrailing());
        for (Row row : rows) {
            lines.add(String.join("  ",
                    Columns.left(row.fault(), row.on() ? style.paint(row.fault(), Color.RED) : row.fault(), faultWidth),
                    Columns.left(row.location(), row.location().equals(NONE) ? style.dim(NONE) : row.location(), locationWidth),
                    Columns.left(row.setting(), row.on() ? row.setting() : style.dim(row.setting()), settingWidth),
                    Columns.right(row.rate(), rateWidth)).stripTrailing());
        }
        switch (view.control() == null ? "" : view.control()) {
            case FaultsView.ENABLED -> { }
            case FaultsView.DISABLED -> lines.add(style.dim("changes are disabled on this gateway (geodig.gateway.faults.control-enabled)"));
            case FaultsView.UNAVAILABLE -> lines.add(style.dim("faults are unavailable on this gateway: it has no flag file"
                    + " (geodig.gateway.faults.flag-file)"));
            default -> lines.add(style.dim("changes: " + SafeText.of(view.control())));
        }
        return lines;
    }

    private static Row row(ActiveFault active) {
        String setting = active.delayMs() != null ? "+" + active.delayMs() + " ms"
                : active.recordType() != null ? SafeText.of(active.recordType()) : "on";
        return new Row(SafeText.of(active.fault()), active.location() == null ? NONE : SafeText.of(active.location()), setting,
                active.ratePercent() + " %", true);
    }
}
