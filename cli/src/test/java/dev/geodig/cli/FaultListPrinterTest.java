package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.FaultsView;
import dev.geodig.contract.faults.FaultsView.ActiveFault;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultListPrinterTest {

    private static final List<String> LOCATIONS = List.of("us-east-1", "eu-west-1", "asia-south-1");

    private static FaultsView view(String control, FaultSetting... settings) {
        return FaultsView.of(control, LOCATIONS, List.of(settings));
    }

    @Test
    void everySettingOnHasALineAndEveryFaultOffOne() {
        FaultsView view = view(FaultsView.ENABLED,
                new FaultSetting(Fault.DNS_SERVFAIL, "us-east-1", 100, 0, "AAAA"),
                new FaultSetting(Fault.DNS_SERVFAIL, "asia-south-1", 5, 0, "MX"),
                new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 100, 2000, null));

        assertThat(new FaultListPrinter(Style.PLAIN).print(view)).containsExactly(
                "3 faults on: dns-servfail us-east-1 AAAA 100 %, dns-servfail asia-south-1 MX 5 %, orchestrator-delay +2000 ms 100 %",
                "fault               location      setting    rate",
                "worker-fail         -             off",
                "worker-drop         -             off",
                "dns-delay           -             off",
                "dns-servfail        us-east-1     AAAA      100 %",
                "dns-servfail        asia-south-1  MX          5 %",
                "worker-exit         -             off",
                "orchestrator-delay  -             +2000 ms  100 %");
    }

    @Test
    void whyChangesAreNotPossibleIsTheLastLine() {
        assertThat(new FaultListPrinter(Style.PLAIN).print(view(FaultsView.DISABLED)))
                .startsWith("no faults on").endsWith("changes are disabled on this gateway (geodig.gateway.faults.control-enabled)");
        assertThat(new FaultListPrinter(Style.PLAIN).print(view(FaultsView.UNAVAILABLE)).getLast())
                .isEqualTo("faults are unavailable on this gateway: it has no flag file (geodig.gateway.faults.flag-file)");
    }

    @Test
    void colouredIsThePlainListWithColoursAndTheGatewaysTextIsEscaped() {
        FaultsView hostile = new FaultsView(FaultsView.ENABLED, LOCATIONS, view(FaultsView.ENABLED).faults(),
                List.of(new ActiveFault("worker-fail", "eu\u001b[2J-west-1", 50, null, null, "worker-fail eu\u001b[2J-west-1 50 %")),
                "1 fault on: worker-fail eu\u001b[2J-west-1 50 %");

        List<String> plain = new FaultListPrinter(Style.PLAIN).print(hostile);
        List<String> colored = new FaultListPrinter(Style.COLOR).print(hostile);

        assertThat(colored.stream().map(ReportPrinterTest::withoutSgr).toList()).containsExactlyElementsOf(plain);
        assertThat(String.join("\n", plain) + String.join("\n", colored)).doesNotContain("\u001b[2J");
        assertThat(plain).contains("worker-fail         eu\\027[2J-west-1  on       50 %");
    }
}
