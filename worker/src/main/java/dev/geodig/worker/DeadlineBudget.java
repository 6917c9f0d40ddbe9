package dev.geodig.worker;

import dev.geodig.contract.DnsTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the worker's timing settings fit in the time a task has: checked when the worker starts against the
 * result deadline it is configured with (a configuration that cannot answer in time is refused, with the reason),
 * and again against the time each task actually carries ({@code deadline - timestamp}), which may differ when the
 * orchestrators were configured apart from the workers: then it is logged, once per budget seen.
 *
 * <p>Two rules:
 * <ul>
 *   <li><b>A claimed task can still be answered.</b> A task left by a dead worker is claimed once it has been idle
 *       {@code claim-idle}, by a claim round that runs every {@link #claimInterval()} ({@code claim-idle / 4}), so
 *       up to {@code claim-idle + claim-idle / 4} after it was read; and its answer must leave {@code result-margin}
 *       before the deadline. If that does not fit, every claimed task is expired on arrival and a dead worker's
 *       tasks are never answered.
 *   <li><b>A silent server's attempts fit.</b> {@code dns-timeout × (1 + dns-retries)}, the time the attempts at one
 *       server can take, plus {@code result-margin}, must fit in the deadline: otherwise the retries are never sent
 *       in time (the lookups are cut at the deadline), so they are configured for nothing.
 * </ul>
 *
 * <p>What the worker need not check any more: that {@code claim-idle} outlasts its slowest task. A live worker keeps
 * its tasks in flight from looking idle ({@code InFlightKeepAlive}), so only a dead or frozen one loses them.
 */
final class DeadlineBudget {

    private static final Logger log = LoggerFactory.getLogger(DeadlineBudget.class);

    /** Claim rounds no more often than this, whatever claim-idle: each is a few Redis commands. */
    static final Duration MIN_CLAIM_INTERVAL = Duration.ofMillis(50);

    private final Duration claimIdle;
    private final Duration claimInterval;
    private final Duration resultMargin;
    private final Duration perServerAttempts;
    private final Set<Duration> budgetsWarnedAbout = ConcurrentHashMap.newKeySet();

    /** @throws IllegalArgumentException when the settings cannot answer within {@code resultDeadline}, saying why */
    DeadlineBudget(WorkerProperties worker, Duration resultDeadline) {
        this.claimIdle = worker.claimIdle();
        Duration quarter = claimIdle.dividedBy(4);
        this.claimInterval = quarter.compareTo(MIN_CLAIM_INTERVAL) < 0 ? MIN_CLAIM_INTERVAL : quarter;
        this.resultMargin = worker.resultMargin();
        this.perServerAttempts = worker.dnsTimeout().multipliedBy(1L + worker.dnsRetries());
        List<String> problems = problemsWith(resultDeadline, "geodig.orchestrator.result-deadline");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Duration dnsBudget = worker.dnsBudget();
        if (dnsBudget.plus(resultMargin).compareTo(resultDeadline) > 0) {
            // Not refused: with several servers the later ones are still reached when an earlier one fails fast
            // (refused, unreachable); only a silent one uses up its whole share.
            log.info("with every DNS server silent a lookup would take {} (geodig.worker.resolvers × dns-timeout × "
                    + "(1 + dns-retries)), more than the result deadline {}: the later servers are reached only when "
                    + "the earlier ones fail fast", text(dnsBudget), text(resultDeadline));
        }
    }

    /** How often this worker looks for abandoned tasks, and keeps its own in flight alive. */
    Duration claimInterval() {
        return claimInterval;
    }

    /**
     * Checks the time {@code task} was given by its orchestrator ({@code deadline - timestamp}, which is that
     * orchestrator's result deadline less the moment before publishing) against the same rules; a budget they do
     * not fit is logged, once per budget, since it means the orchestrators and this worker were configured apart.
     */
    void checkCarried(DnsTask task) {
        if (task.deadline() == null || task.timestamp() == null) {
            return;
        }
        // Whole tens of milliseconds: the publish moment varies by a few, and one warning per setting is enough.
        Duration budget = Duration.ofMillis(Duration.between(task.timestamp(), task.deadline()).toMillis() / 10 * 10);
        if (budgetsWarnedAbout.contains(budget)) {
            return;
        }
        List<String> problems = problemsWith(budget, "the budget tasks carry (deadline - timestamp)");
        if (!problems.isEmpty() && budgetsWarnedAbout.add(budget)) {
            log.warn("{}; set geodig.orchestrator.result-deadline for the workers to the orchestrators' value so this is "
                    + "caught at start-up", String.join("; ", problems));
        }
    }

    private List<String> problemsWith(Duration deadline, String deadlineName) {
        List<String> problems = new ArrayList<>();
        Duration latestClaim = claimIdle.plus(claimInterval);
        if (latestClaim.plus(resultMargin).compareTo(deadline) >= 0) {
            Duration deadlineLessMargin = deadline.minus(resultMargin);
            problems.add(("geodig.worker.claim-idle (%s) does not fit %s (%s): a task left by a dead worker is claimed "
                    + "up to claim-idle + claim-idle/4 = %s after it was read, and must be answered result-margin (%s) "
                    + "before its deadline, so it would always be expired; use a claim-idle below %s, or a longer deadline")
                    .formatted(text(claimIdle), deadlineName, text(deadline), text(latestClaim), text(resultMargin),
                            text(deadlineLessMargin.isNegative() ? Duration.ZERO : deadlineLessMargin.multipliedBy(4).dividedBy(5))));
        }
        if (perServerAttempts.plus(resultMargin).compareTo(deadline) > 0) {
            problems.add(("geodig.worker.dns-timeout × (1 + dns-retries) = %s does not fit %s (%s) less result-margin (%s): "
                    + "the last attempts at a silent DNS server could never be sent before the deadline; shorten "
                    + "geodig.worker.dns-timeout or geodig.worker.dns-retries")
                    .formatted(text(perServerAttempts), deadlineName, text(deadline), text(resultMargin)));
        }
        return problems;
    }

    /** {@code 2s}, {@code 500ms}: the way the settings are written. */
    private static String text(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
