package dev.geodig.bench.lookups;

/** What the user-level benchmark measures side by side (docs/benchmarks.md). */
enum Variant {
    /** The topology exactly as {@code ./geodig up} starts it. */
    TRACED("(a) traced"),
    /** The same with the agent's tracing off ({@link Untraced}). */
    UNTRACED("(b) untraced"),
    /** Only the Redis commands and DNS queries of a lookup, no service in between ({@link FloorHarness}). */
    FLOOR("(c) floor");

    final String label;

    Variant(String label) {
        this.label = label;
    }
}
