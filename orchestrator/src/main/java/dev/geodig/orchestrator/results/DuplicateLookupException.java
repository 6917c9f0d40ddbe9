package dev.geodig.orchestrator.results;

/**
 * A second lookup under a trace id that is already being gathered here (e.g. a client retrying
 * within one trace). The trace id is the only correlation id, so the two could not be told apart.
 */
public final class DuplicateLookupException extends RuntimeException {

    public DuplicateLookupException(String traceId) {
        super("a lookup for trace " + traceId + " is already in progress");
    }
}
