package dev.geodig.orchestrator;

import dev.geodig.streams.RedisTimeouts;
import dev.geodig.orchestrator.results.ResultsMode;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The orchestrator's settings under {@code geodig.*}. The defaults are the {@code @DefaultValue}s here,
 * and only here: {@code application.yml} repeats none of them, and the orchestrator starts with them
 * even where no {@code application.yml} of its own is read (the {@code it} module, whose classpath
 * holds two services' files).
 *
 * @param locations every location a request may name; a request without locations asks all of them
 */
@ConfigurationProperties("geodig")
public record OrchestratorProperties(
        @DefaultValue Redis redis,
        @DefaultValue({"us-east-1", "eu-west-1", "asia-south-1"}) List<String> locations,
        @DefaultValue Orchestrator orchestrator) {

    public OrchestratorProperties {
        locations = List.copyOf(locations);
        if (redis.commandTimeout().compareTo(orchestrator.resultDeadline()) >= 0) {
            throw new IllegalArgumentException("geodig.redis.command-timeout (" + redis.commandTimeout().toMillis()
                    + " ms) must be shorter than geodig.orchestrator.result-deadline (" + orchestrator.resultDeadline().toMillis()
                    + " ms): a Redis that does not answer must be reported (503) before the lookup's deadline, not after it");
        }
    }

    /**
     * @param url a {@code redis://host:port} URI
     * @param commandTimeout how long a command may go unanswered (a frozen Redis, a lost network) before the lookup
     *     fails with 503; while Redis is known to be away, commands fail at once instead
     * @param connectTimeout how long opening a connection may take
     * @param reconnectDelayMax the longest pause between reconnection attempts: how long after Redis is back the
     *     orchestrator may still report it unavailable
     */
    public record Redis(
            @DefaultValue("redis://127.0.0.1:6379") String url,
            @DefaultValue("1s") Duration commandTimeout,
            @DefaultValue("1s") Duration connectTimeout,
            @DefaultValue("1s") Duration reconnectDelayMax) {

        public Redis {
            // Checks that each is positive.
            new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
        }

        public RedisTimeouts timeouts() {
            return new RedisTimeouts(commandTimeout, connectTimeout, reconnectDelayMax);
        }
    }

    /**
     * @param resultDeadline how long a lookup waits for the workers, counted from the request's start
     * @param resultsMode how results are gathered from {@code dns:results}: one reader per instance ({@code shared-reader})
     *     or the design's group per request ({@code group-per-request})
     * @param tasksMaxLen the approximate bound of {@code dns:tasks} ({@code XADD MAXLEN ~})
     */
    public record Orchestrator(
            @DefaultValue("5s") Duration resultDeadline,
            @DefaultValue("shared-reader") ResultsMode resultsMode,
            @DefaultValue("10000") long tasksMaxLen) {

        public Orchestrator {
            if (resultDeadline.isNegative() || resultDeadline.isZero()) {
                throw new IllegalArgumentException("geodig.orchestrator.result-deadline must be positive");
            }
            if (tasksMaxLen < 1) {
                throw new IllegalArgumentException("geodig.orchestrator.tasks-max-len must be at least 1");
            }
        }
    }
}
