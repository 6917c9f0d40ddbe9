package dev.geodig.contract;

/**
 * Names on the Redis side of the wire, in one place. They are the design's names (docs/architecture.md);
 * changing one is a wire-format change for every service.
 */
public final class Streams {

    /** Tasks from the orchestrator; every location reads every entry through its own group. */
    public static final String TASKS = "dns:tasks";

    /** Worker results; the orchestrator picks its own by trace_id. */
    public static final String RESULTS = "dns:results";

    /** Tasks a worker could not parse, with the reason. Nothing reads it automatically: it is for people. */
    public static final String DEAD_LETTERS = "dns:tasks:dead-letter";

    /** Each stream entry carries one JSON document in this field. */
    public static final String PAYLOAD_FIELD = "payload";

    private Streams() {
    }

    /** The consumer group of a location on {@link #TASKS}: {@code workers-<location>}. */
    public static String workerGroup(String location) {
        return "workers-" + location;
    }

    /** The design's per-request group on {@link #RESULTS}: {@code orchestrator-<trace_id>}. */
    public static String perRequestResultGroup(String traceId) {
        return "orchestrator-" + traceId;
    }
}
