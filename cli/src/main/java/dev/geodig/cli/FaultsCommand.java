package dev.geodig.cli;

import dev.geodig.contract.faults.FaultsView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code geodig faults}: the injected faults the gateway reports (one line per setting on and per fault off, and the
 * banner), and {@code set} and {@code clear} to change them through the gateway's faults API.
 */
@Command(name = "faults",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        subcommands = {FaultsSetCommand.class, FaultsClearCommand.class},
        description = {
            "Lists the injected faults: the banner, then one line per fault that is on (where, its setting, the share of"
                    + " lookups it acts on) and per fault that is off.",
            "",
            "`geodig faults set` switches one on, `geodig faults clear` off. The gateway takes changes only when its"
                    + " geodig.gateway.faults.control-enabled is on, and then from this machine, or with its token"
                    + " (--token-file)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the faults were listed (after the change, for set and clear)",
            "2:the gateway refused the change (403: control disabled; 401: not this machine and no right token) or"
                    + " rejected it (4xx, its reasons on standard error), or the command line is wrong",
            "3:the gateway is unreachable, failed (5xx: its flag file cannot be read or written), or did not answer"
                    + " like a geodig gateway"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  geodig faults",
            "  geodig faults set dns-delay@eu-west-1 800ms --rate 50",
            "  geodig faults set dns-servfail@us-east-1 AAAA",
            "  geodig faults set worker-drop@asia-south-1 30%",
            "  geodig faults set orchestrator-delay 2s",
            "  geodig faults set worker-fail@eu-west-1 off",
            "  geodig faults clear dns-delay@eu-west-1",
            "  geodig faults clear"})
final class FaultsCommand implements Callable<Integer> {

    @Mixin
    private GatewayCommandMixin gateway;

    @Override
    public Integer call() {
        GatewayClient.Response response;
        try {
            response = new GatewayClient(gateway.gatewayUrl()).faults();
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        }
        return shown(gateway, response, "reading the faults failed");
    }

    /** The gateway's answer: the faults on standard output, or its problem on standard error. */
    static int shown(GatewayCommandMixin gateway, GatewayClient.Response response, String whatFailed) {
        if (response.status() != 200) {
            return gateway.failed(response, whatFailed);
        }
        FaultsView view;
        try {
            view = GatewayJson.readFaults(response.body());
        } catch (RuntimeException notTheFaults) {
            return gateway.notA("the faults", notTheFaults);
        }
        gateway.print(response.body(), style -> new FaultListPrinter(style).print(view));
        return ExitCode.OK;
    }
}
