package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.LookupReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {

    private static final String GATEWAY = "http://127.0.0.1:8080";

    private static List<String> plain(LookupReport report) {
        return new ReportPrinter(Style.PLAIN, GATEWAY).print(report);
    }

    @Test
    void successShowsEveryLocationSideBySideWithAgreementMarked() {
        assertThat(plain(Reports.success())).containsExactly(
                "www.geodig.test: success, 3 of 3 locations answered in 14 ms",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "",
                "A  differs, not tailored (3 different answers)",
                "  a  us-east-1     NOERROR  192.0.2.10, 192.0.2.11",
                "  b  eu-west-1     NOERROR  198.51.100.10",
                "  c  asia-south-1  NOERROR  203.0.113.10",
                "MX  same everywhere",
                "  =  us-east-1     NOERROR  10 mx.geodig.test.",
                "  =  eu-west-1     NOERROR  10 mx.geodig.test.",
                "  =  asia-south-1  NOERROR  10 mx.geodig.test.",
                "",
                "locations",
                "  us-east-1     success  4 ms",
                "  eu-west-1     success  5 ms",
                "  asia-south-1  success  6 ms",
                "",
                "see the trace:  ./geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "            or  http://127.0.0.1:8080/?trace=4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void partialShowsTheLocationWithoutAResultInEveryRecordType() {
        assertThat(plain(Reports.partial())).containsExactly(
                "www.geodig.test: partial, 2 of 3 locations answered in 5012 ms",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "",
                "A  differs, not tailored (2 different answers; no answer from asia-south-1)",
                "  a  us-east-1     NOERROR  192.0.2.10",
                "  b  eu-west-1     TIMEOUT  (no response from 127.0.0.1:5302 within 2000 ms)",
                "  -  asia-south-1  (no result: timeout)",
                "NS  incomplete (no answer from asia-south-1)",
                "  =  us-east-1     NOERROR  ns1.geodig.test.",
                "  =  eu-west-1     NOERROR  ns1.geodig.test.",
                "  -  asia-south-1  (no result: timeout)",
                "",
                "locations",
                "  us-east-1     success  4 ms",
                "  eu-west-1     partial  2003 ms  1 of 2 lookups failed",
                "  asia-south-1  timeout  no result within 5000 ms",
                "",
                "see the trace:  ./geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "            or  http://127.0.0.1:8080/?trace=4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void eachAnswerSaysWhetherItWasChosenForTheLocationsSubnetAndTheVerdictWhetherTheDifferenceIsTailored() {
        assertThat(plain(Reports.geoAnswers())).containsExactly(
                "www.geodig.test: partial, 3 of 3 locations answered in 2014 ms",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "",
                "A  differs, tailored by location (3 different answers)",
                "  a  us-east-1     NOERROR  tailored /24  192.0.2.10, 192.0.2.11",
                "  b  eu-west-1     NOERROR  tailored /24  198.51.100.10",
                "  c  asia-south-1  NOERROR  tailored /24  203.0.113.10",
                "MX  same everywhere",
                "  =  us-east-1     NOERROR  scope /0      10 mx.geodig.test.",
                "  =  eu-west-1     NOERROR  scope /0      10 mx.geodig.test.",
                "  =  asia-south-1  NOERROR  scope /0      10 mx.geodig.test.",
                // One server ignored the subnet, one tailored, one never answered (no scope to speak of): not tailored.
                "TXT  differs, not tailored (3 different answers)",
                "  a  us-east-1     NOERROR  no ECS scope  \"edge=us-east-1\"",
                "  b  eu-west-1     NOERROR  tailored /24  \"edge=eu-west-1\"",
                "  c  asia-south-1  TIMEOUT                (no response from 127.0.0.1:5300 within 2000 ms)",
                "",
                "locations",
                "  us-east-1     success  subnet 192.0.2.0/24     4 ms",
                "  eu-west-1     success  subnet 198.51.100.0/24  5 ms",
                "  asia-south-1  partial  subnet 203.0.113.0/24   2006 ms  1 of 3 lookups failed",
                "",
                "see the trace:  ./geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "            or  http://127.0.0.1:8080/?trace=4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aLocationThatSendsNoSubnetHasNoMarkAndSaysSoAmongThoseThatDo() {
        assertThat(plain(Reports.ecsOffAtOneLocation("192.0.2.0/24"))).containsExactly(
                "www.geodig.test: partial, 2 of 3 locations answered in 5012 ms",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "",
                "A  differs, not tailored (2 different answers; no answer from asia-south-1)",
                "  a  us-east-1     NOERROR  tailored /24  192.0.2.10",
                "  b  eu-west-1     NOERROR                192.0.2.100",
                "  -  asia-south-1  (no result: timeout)",
                "",
                "locations",
                "  us-east-1     success  subnet 192.0.2.0/24  4 ms",
                "  eu-west-1     success  no client subnet     5 ms",
                "  asia-south-1  timeout                       no result within 5000 ms",
                "",
                "see the trace:  ./geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "            or  http://127.0.0.1:8080/?trace=4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aSubnetFromTheReportIsPrintedAsTextAndKeepsTheColumnsAligned() {
        List<String> lines = plain(Reports.ecsOffAtOneLocation("\u001b]0;owned\u0007192.0.2.0/24"));

        assertThat(lines).contains(
                "  us-east-1     success  subnet \\027]0;owned\\007192.0.2.0/24  4 ms",
                "  eu-west-1     success  no client subnet" + " ".repeat(21) + "5 ms");
        assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void hostileAnswerIsPrintedAsTextWithItsControlCharactersEscaped() {
        List<String> lines = plain(Reports.hostileTxt());

        assertThat(lines).containsExactly(
                "geodig.test: success, 2 of 2 locations answered in 9 ms",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "",
                "TXT  differs, not tailored (2 different answers)",
                "  a  us-east-1  NOERROR  \"\\027[31mred\\027[0m <script>alert(1)</script> \\226\\128\\174evil\"",
                "  b  eu-west-1  NOERROR  \"v=spf1 mx -all\"",
                "",
                "locations",
                "  us-east-1  success  4 ms",
                "  eu-west-1  success  5 ms",
                "",
                "see the trace:  ./geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
                "            or  http://127.0.0.1:8080/?trace=4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(String.join("\n", lines)).doesNotContain("\u001b").doesNotContain("\u202e");
    }

    @Test
    void colouredOutputIsThePlainOutputWithOnlyOurOwnColourCodes() {
        for (LookupReport report : List.of(Reports.success(), Reports.partial(), Reports.hostileTxt(), Reports.geoAnswers(),
                Reports.ecsOffAtOneLocation("192.0.2.0/24"))) {
            List<String> colored = new ReportPrinter(Style.COLOR, GATEWAY).print(report);

            assertThat(colored).as("colour codes present").anyMatch(line -> line.contains("\u001b[32m"));
            assertThat(colored.stream().map(ReportPrinterTest::withoutSgr).toList())
                    .as("same text and alignment once the colour codes are gone")
                    .containsExactlyElementsOf(plain(report));
            assertThat(colored.stream().map(ReportPrinterTest::withoutSgr))
                    .as("no escape left that the printer did not write").noneMatch(line -> line.contains("\u001b"));
        }
    }

    @Test
    void reportWithoutTraceIdSaysSoAndGivesNoTraceHint() {
        LookupReport success = Reports.success();
        LookupReport untraced = new LookupReport(null, success.status(), success.domain(), success.recordTypes(),
                success.results(), success.durationMs());

        List<String> lines = plain(untraced);

        assertThat(lines.get(1)).isEqualTo("trace: none (the gateway runs without tracing)");
        assertThat(lines).noneMatch(line -> line.contains("./geodig trace"));
        assertThat(lines.getLast()).isEqualTo("  asia-south-1  success  6 ms");
    }

    /** Removes the SGR sequences (colour, bold, dim, reset) that {@link Style} writes. */
    static String withoutSgr(String line) {
        return line.replaceAll("\u001b\\[[0-9;]*m", "");
    }
}
