package dev.geodig.orchestrator.results;

/** How an orchestrator gathers results from {@code dns:results} ({@code geodig.orchestrator.results-mode}). */
public enum ResultsMode {
    /** One blocking XREAD reader per orchestrator instance, handing results out by trace id. */
    SHARED_READER("shared-reader"),
    /** The design's way (docs/architecture.md): a consumer group {@code orchestrator-<trace_id>} per request. */
    GROUP_PER_REQUEST("group-per-request");

    private final String configName;

    ResultsMode(String configName) {
        this.configName = configName;
    }

    /** The value as written in configuration. */
    public String configName() {
        return configName;
    }
}
