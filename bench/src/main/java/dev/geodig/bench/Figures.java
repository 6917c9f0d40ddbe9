package dev.geodig.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How both benchmarks' reports write a figure, a ratio and a median. */
public final class Figures {

    private Figures() {
    }

    /** {@code numerator / denominator} to two decimals, or a dash where it means nothing (x/0). */
    public static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    /** Whole numbers as such, else three significant digits or so; {@code n/a} for NaN. */
    public static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.0f" : Math.abs(value) >= 10 ? "%.1f" : "%.2f", value);
    }

    /** NaN when there are no values. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
