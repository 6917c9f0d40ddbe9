package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupStatus;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @Test
    void aReportExitsZeroOnlyWhenEveryLocationAnswered() {
        assertThat(ExitCode.forReport(Reports.success())).isZero();
        assertThat(ExitCode.forReport(Reports.partial())).isEqualTo(1);
        assertThat(ExitCode.forReport(withStatus(LookupStatus.TIMEOUT))).isEqualTo(1);
        assertThat(ExitCode.forReport(withStatus(null))).as("a status this client does not know, read as null").isEqualTo(1);
    }

    @Test
    void clientErrorsAreTheRequestsFaultEverythingElseTheGateways() {
        assertThat(ExitCode.forHttpStatus(400)).isEqualTo(2);
        assertThat(ExitCode.forHttpStatus(404)).isEqualTo(2);
        assertThat(ExitCode.forHttpStatus(415)).isEqualTo(2);
        assertThat(ExitCode.forHttpStatus(500)).isEqualTo(3);
        assertThat(ExitCode.forHttpStatus(502)).isEqualTo(3);
        assertThat(ExitCode.forHttpStatus(503)).isEqualTo(3);
        assertThat(ExitCode.forHttpStatus(504)).isEqualTo(3);
        assertThat(ExitCode.forHttpStatus(302)).as("a redirect: not a geodig gateway").isEqualTo(3);
    }

    private static LookupReport withStatus(LookupStatus status) {
        LookupReport report = Reports.partial();
        return new LookupReport(report.traceId(), status, report.domain(), report.recordTypes(), report.results(),
                report.durationMs());
    }
}
