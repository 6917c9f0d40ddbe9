package dev.geodig.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services' names as traces, logs and metrics carry them (docs/architecture.md): the gateway, the
 * orchestrator and one worker service per location, {@code dns-worker-<location>}.
 */
final class ServiceNames {

    static final String GATEWAY = "dns-gateway";
    static final String ORCHESTRATOR = "dns-orchestrator";
    private static final String WORKER_PREFIX = "dns-worker-";

    private ServiceNames() {
    }

    static String worker(String location) {
        return WORKER_PREFIX + location;
    }

    /** The worker services of these locations, in their order. */
    static List<String> workers(List<String> locations) {
        return locations.stream().map(ServiceNames::worker).toList();
    }

    /** Every service of a topology with these locations: gateway, orchestrator, then the workers in order. */
    static List<String> all(List<String> locations) {
        List<String> services = new ArrayList<>(List.of(GATEWAY, ORCHESTRATOR));
        services.addAll(workers(locations));
        return List.copyOf(services);
    }

    /** The location whose worker {@code service} is; empty for the gateway and the orchestrator. */
    static Optional<String> locationOf(String service) {
        return service.startsWith(WORKER_PREFIX) ? Optional.of(service.substring(WORKER_PREFIX.length())) : Optional.empty();
    }
}
