package dev.geodig.orchestrator.results;

import java.time.Instant;

/** One lookup's registration with a {@link ResultCollector}. Close it when done, always. */
public interface ResultWait extends AutoCloseable {

    /**
     * Blocks until every expected location has answered or {@code deadline} has passed, and returns
     * what arrived. An interrupt ends the wait early with what arrived so far (the flag stays set).
     */
    GatheredResults await(Instant deadline);

    /** Stops listening: results arriving from now on are ignored and leave nothing behind. */
    @Override
    void close();
}
