package dev.geodig.orchestrator.results;

import java.util.List;

/**
 * Gathers the workers' results of one lookup from {@code dns:results} by trace id.
 *
 * <p>Usage, in this order: {@link #expect} BEFORE the task is published (a worker can answer before
 * the publisher's XADD call even returns, and that result must not be missed), then publish, then
 * {@link ResultWait#await}, then close the wait, which removes every trace of the lookup.
 */
public interface ResultCollector extends AutoCloseable {

    /**
     * Starts listening for the results of {@code traceId} from {@code locations}.
     *
     * @throws DuplicateLookupException when a lookup of this trace id is already being gathered here
     * @throws ResultsUnavailableException when results cannot be gathered now (Redis unreachable)
     */
    ResultWait expect(String traceId, List<String> locations);

    ResultsMode mode();

    /** Lookups whose results are being gathered here now: it follows the load, and grows without bound only if waits leak. */
    int waiting();

    /** Stops gathering; lookups still waiting get what they have at their deadline. */
    @Override
    void close();
}
