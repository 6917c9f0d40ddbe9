package dev.geodig.worker;

import static dev.geodig.worker.WorkerSettings.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.boot.ResultDeadlineProperties;
import dev.geodig.testkit.ApplicationSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up rules that tie claim-idle, the DNS timeouts and result-margin to the result deadline. */
class DeadlineBudgetTest {

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @Test
    void theDefaultsFitTheDefaultDeadlineAndClaimFourTimesPerClaimIdle() {
        WorkerProperties defaults = worker();
        Duration defaultDeadline = ApplicationSettings.bind(ResultDeadlineProperties.class, ApplicationSettings.applicationYml(), Map.of())
                .resultDeadline();

        DeadlineBudget budget = new DeadlineBudget(defaults, defaultDeadline);

        // Claim rounds (and the keep-alive of tasks in flight) four times per claim-idle.
        assertThat(budget.claimInterval()).isEqualTo(defaults.claimIdle().dividedBy(4));
    }

    @Test
    void aClaimIdleAsLongAsTheDeadlineIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new DeadlineBudget(worker("claim-idle", "30s"), FIVE_SECONDS))
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
        assertThatCode(() -> new DeadlineBudget(worker("dns-timeout", "1s", "claim-idle", "3900ms"), FIVE_SECONDS))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new DeadlineBudget(worker("dns-timeout", "1s", "claim-idle", "4s"), FIVE_SECONDS))
                .hasMessageContaining("claim-idle (4s)");
        assertThatThrownBy(() -> new DeadlineBudget(worker("dns-timeout", "1s", "claim-idle", "3900ms", "result-margin", "200ms"),
                FIVE_SECONDS))
                .hasMessageContaining("claim-idle (3900ms)").hasMessageContaining("result-margin (200ms)");
    }

    @Test
    void dnsAttemptsThatCannotFitTheDeadlineAreRefused() {
        // 3 s × (1 + 1) = 6 s of attempts at one silent server: the retry could never be sent in time.
        assertThatThrownBy(() -> new DeadlineBudget(worker("dns-timeout", "3s", "dns-retries", "1"), FIVE_SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("geodig.worker.dns-timeout × (1 + dns-retries) = 6s")
                .hasMessageContaining("result-deadline (5s)");
        // 2.4 s × 2 + 100 ms = 4.9 s: fits.
        assertThatCode(() -> new DeadlineBudget(worker("dns-timeout", "2400ms", "dns-retries", "1"), FIVE_SECONDS))
                .doesNotThrowAnyException();
    }

    @Test
    void bothProblemsAreReportedAtOnce() {
        assertThatThrownBy(() -> new DeadlineBudget(worker("dns-timeout", "3s", "dns-retries", "1", "claim-idle", "30s"), FIVE_SECONDS))
                .hasMessageContaining("claim-idle").hasMessageContaining("dns-timeout");
    }

    @Test
    void aLongerDeadlineAllowsALongerClaimIdle() {
        assertThatCode(() -> new DeadlineBudget(worker("claim-idle", "30s"), Duration.ofMinutes(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void claimRoundsAreNotMoreFrequentThanTheFloor() {
        DeadlineBudget budget = new DeadlineBudget(worker("dns-timeout", "100ms", "dns-retries", "0", "claim-idle", "100ms", "result-margin", "0ms"),
                Duration.ofSeconds(1));

        assertThat(budget.claimInterval()).isEqualTo(DeadlineBudget.MIN_CLAIM_INTERVAL);
    }
}
