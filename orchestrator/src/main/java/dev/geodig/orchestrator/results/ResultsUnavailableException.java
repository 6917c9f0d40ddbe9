package dev.geodig.orchestrator.results;

/** Results cannot be gathered right now (Redis unreachable, reader not positioned yet). */
public final class ResultsUnavailableException extends RuntimeException {

    public ResultsUnavailableException(String message) {
        super(message);
    }

    public ResultsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
