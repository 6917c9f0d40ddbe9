package dev.geodig.bench.lookups;

import java.util.Arrays;

/**
 * How variant (b) turns tracing off. Both are the agent's own settings, given as environment
 * variables so that the services' JVM options ({@code GEODIG_JAVA_OPTS} or the launcher's default)
 * stay exactly those of variant (a).
 */
enum Untraced {
    /**
     * The agent does nothing ({@code -Dotel.javaagent.enabled=false}): no instrumentation, no SDK, no
     * export; the code's own spans go to a no-op API. (a)/(b) is then the whole cost of tracing. The default.
     */
    AGENT_OFF("agent-off", "OTEL_JAVAAGENT_ENABLED", "false"),
    /**
     * The agent instruments and builds every span but exports none (metrics and logs still go out):
     * against {@link #AGENT_OFF} it splits the cost of tracing into instrumentation and export.
     */
    EXPORTER_NONE("exporter-none", "OTEL_TRACES_EXPORTER", "none");

    final String option;
    final String variable;
    final String value;

    Untraced(String option, String variable, String value) {
        this.option = option;
        this.variable = variable;
        this.value = value;
    }

    static Untraced named(String option) {
        return Arrays.stream(values()).filter(u -> u.option.equals(option)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--untraced: agent-off or exporter-none, got '" + option + "'"));
    }

    String describe() {
        return "`" + option + "` (" + variable + "=" + value + ")";
    }
}
