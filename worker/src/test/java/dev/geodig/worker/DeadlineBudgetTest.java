package dev.geodig.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up rules that tie claim-idle, the DNS timeouts and result-margin to the result deadline. */
class DeadlineBudgetTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    private static WorkerProperties worker(Duration dnsTimeout, Integer retries, Duration claimIdle, Duration margin) {
        return new WorkerProperties("us-east-1", List.of("127.0.0.1:5301"), dnsTimeout, retries, null, claimIdle, null, null,
                "w", margin);
    }

    @Test
    void theDefaultsFitTheDefaultDeadlineAndClaimFourTimesPerClaimIdle() {
        DeadlineBudget budget = new DeadlineBudget(worker(null, null, null, null), FIVE_SECONDS);

        // 2 s claim-idle: claim rounds (and the keep-alive of tasks in flight) every 500 ms.
        assertThat(budget.claimInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aClaimIdleAsLongAsTheDeadlineIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new DeadlineBudget(worker(null, null, Duration.ofSeconds(30), null), FIVE_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geodig.worker.claim-idle (30s)")
                .hasMessageContaining("geodig.orchestrator.result-deadline (5s)")
                .hasMessageContaining("always be expired")
                // (5 s - 100 ms) × 4/5: the longest claim-idle that still leaves time.
                .hasMessageContaining("below 3920ms");
    }

    @Test
    void theClaimRuleCountsTheClaimIntervalAndTheMargin() {
        // 3.9 s + 975 ms + 100 ms = 4.975 s < 5 s: fits. 4 s + 1 s + 100 ms does not, although 4 s < 5 s.
        assertThatCode(() -> new DeadlineBudget(worker(Duration.ofSeconds(1), null, Duration.ofMillis(3900), null), FIVE_SECONDS))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new DeadlineBudget(worker(Duration.ofSeconds(1), null, Duration.ofSeconds(4), null), FIVE_SECONDS))
                .hasMessageContaining("claim-idle (4s)");
        assertThatThrownBy(() -> new DeadlineBudget(worker(Duration.ofSeconds(1), null, Duration.ofMillis(3900), Duration.ofMillis(200)),
                FIVE_SECONDS))
                .hasMessageContaining("claim-idle (3900ms)").hasMessageContaining("result-margin (200ms)");
    }

    @Test
    void dnsAttemptsThatCannotFitTheDeadlineAreRefused() {
        // 3 s × (1 + 1) = 6 s of attempts at one silent server: the retry could never be sent in time.
        assertThatThrownBy(() -> new DeadlineBudget(worker(Duration.ofSeconds(3), 1, null, null), FIVE_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geodig.worker.dns-timeout × (1 + dns-retries) = 6s")
                .hasMessageContaining("result-deadline (5s)");
        // 2.4 s × 2 + 100 ms = 4.9 s: fits.
        assertThatCode(() -> new DeadlineBudget(worker(Duration.ofMillis(2400), 1, null, null), FIVE_SECONDS))
                .doesNotThrowAnyException();
    }

    @Test
    void bothProblemsAreReportedAtOnce() {
        assertThatThrownBy(() -> new DeadlineBudget(worker(Duration.ofSeconds(3), 1, Duration.ofSeconds(30), null), FIVE_SECONDS))
                .hasMessageContaining("claim-idle").hasMessageContaining("dns-timeout");
    }

    @Test
    void aLongerDeadlineAllowsALongerClaimIdle() {
        assertThatCode(() -> new DeadlineBudget(worker(null, null, Duration.ofSeconds(30), null), Duration.ofMinutes(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void claimRoundsAreNotMoreFrequentThanTheFloor() {
        DeadlineBudget budget = new DeadlineBudget(worker(Duration.ofMillis(100), 0, Duration.ofMillis(100), Duration.ZERO),
                Duration.ofSeconds(1));

        assertThat(budget.claimInterval()).isEqualTo(DeadlineBudget.MIN_CLAIM_INTERVAL);
    }
}
