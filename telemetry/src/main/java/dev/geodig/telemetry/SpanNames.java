package dev.geodig.telemetry;

/**
 * The names of the design's spans that another service reads back from Jaeger: the orchestrator writes
 * them, the gateway's trace search and service map find the lookup's status and the service that gathers
 * results by them. Named once, here, so the writer and the readers cannot drift apart.
 */
public final class SpanNames {

    /** The orchestrator's span around one lookup; carries {@code dns.domain} and the lookup's {@code result.status}. */
    public static final String ORCHESTRATE_DNS_LOOKUP = "orchestrate_dns_lookup";
    /** The orchestrator's span while it gathers the workers' results from {@code dns:results}. */
    public static final String WAIT_FOR_RESULTS = "wait_for_results";

    private SpanNames() {
    }
}
