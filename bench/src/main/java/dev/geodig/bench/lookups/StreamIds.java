package dev.geodig.bench.lookups;

/** Redis stream entry ids ({@code <milliseconds>-<sequence>}, both unsigned 64-bit) as the floor compares them. */
final class StreamIds {

    private StreamIds() {
    }

    static int compare(String a, String b) {
        int byTime = Long.compareUnsigned(millis(a), millis(b));
        return byTime != 0 ? byTime : Long.compareUnsigned(sequence(a), sequence(b));
    }

    /** The greatest id below {@code id}: XREAD returns entries after the id it is given, and the floor wants {@code id} itself. */
    static String before(String id) {
        long ms = millis(id);
        long seq = sequence(id);
        if (seq != 0) {
            return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq - 1);
        }
        return ms == 0 ? "0-0" : Long.toUnsignedString(ms - 1) + "-" + Long.toUnsignedString(-1L);
    }

    private static long millis(String id) {
        return Long.parseUnsignedLong(id.substring(0, id.indexOf('-')));
    }

    private static long sequence(String id) {
        return Long.parseUnsignedLong(id.substring(id.indexOf('-') + 1));
    }
}
