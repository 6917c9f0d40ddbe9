package dev.geodig.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code geodig faults clear [<fault>[@<location>]]}. */
@Command(name = "clear",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        description = {
            "Switches faults off: every fault; one fault everywhere (dns-delay); or in one location (dns-delay@eu-west-1)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the faults were switched off; the faults are listed",
            "2:the gateway refused or rejected the change (its reasons on standard error), or the command line is wrong",
            "3:the gateway is unreachable, failed (5xx), or did not answer like a geodig gateway"})
final class FaultsClearCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayCommandMixin gateway;

    @Mixin
    private FaultTokenOption tokenOption;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<fault>[@<location>]", converter = FaultTarget.Converter.class,
            description = "the fault to switch off, and where (default: every fault, everywhere)")
    private FaultTarget target;

    @Override
    public Integer call() {
        String token = tokenOption.token(spec.commandLine(), gateway.io().env());
        GatewayClient.Response response;
        try {
            response = new GatewayClient(gateway.gatewayUrl()).clearFaults(target == null ? null : target.fault().key(),
                    target == null ? null : target.location(), token);
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        }
        return FaultsCommand.shown(gateway, response, "clearing " + (target == null ? "the faults" : target.toString()) + " failed");
    }
}
