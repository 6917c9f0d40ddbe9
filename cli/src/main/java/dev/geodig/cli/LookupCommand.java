package dev.geodig.cli;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code geodig lookup}: one lookup from every location, the answers side by side. */
@Command(name = "lookup",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        description = {
            "Looks a name up from every location and compares the answers.",
            "",
            "Prints, per record type, whether the locations agree, then one row per location: '=' when all got"
                    + " the same answer, a letter per distinct answer when they differ, '-' for a location with"
                    + " no answer. Then each location's status and time, and how to see the request's trace."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every location answered (whether or not they agree)",
            "1:the lookup ran, but not every location answered in time (partial, timeout)",
            "2:the gateway rejected the request (its reasons on standard error), or the command line is wrong",
            "3:the gateway is unreachable, failed (5xx), or did not answer like a geodig gateway"})
final class LookupCommand implements Callable<Integer> {

    @Mixin
    private GatewayCommandMixin gateway;

    @Parameters(index = "0", paramLabel = "<domain>", description = "the name to look up, e.g. www.geodig.test")
    private String domain;

    @Option(names = {"-t", "--type"}, split = ",", paramLabel = "<type>", converter = RecordTypeName.class,
            description = "record types, comma-separated (default: the gateway's, A,AAAA,MX,TXT,NS)")
    private List<String> recordTypes;

    @Option(names = {"-l", "--location"}, split = ",", paramLabel = "<location>", converter = LocationName.class,
            description = "locations, comma-separated (default: every location the gateway has)")
    private List<String> locations;

    @Override
    public Integer call() {
        String gatewayUrl = gateway.gatewayUrl();
        GatewayClient.Response response;
        try {
            response = new GatewayClient(gatewayUrl).lookup(new LookupRequest(domain, locations, recordTypes));
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        }
        if (response.status() != 200) {
            return gateway.failed(response, "lookup failed");
        }
        LookupReport report;
        try {
            report = GatewayJson.readReport(response.body());
        } catch (RuntimeException notAReport) {
            return gateway.notA("a lookup report", notAReport);
        }
        gateway.print(response.body(), style -> new ReportPrinter(style, gatewayUrl).print(report));
        warnOfInjectedFaults(gatewayUrl);
        return ExitCode.forReport(report);
    }

    /**
     * While faults are injected, says which on standard error, as the page's banner does, so an answer made worse on
     * purpose is not taken for the system's own; standard output stays the report. A gateway that cannot say (one
     * without the faults API) is no news.
     */
    private void warnOfInjectedFaults(String gatewayUrl) {
        try {
            GatewayClient.Response faults = new GatewayClient(gatewayUrl).faults();
            String banner = faults.status() == 200 ? GatewayJson.readFaults(faults.body()).banner() : null;
            if (banner != null) {
                gateway.io().err().println("geodig: injected faults: " + SafeText.of(banner) + " (./geodig faults)");
            }
        } catch (GatewayUnreachableException | RuntimeException noNews) {
            // The lookup's answer stands on its own.
        }
    }

    /**
     * A record type's name as DNS writes it (A, AAAA, TYPE65534): letters and digits. Whether the gateway
     * supports it is the gateway's to say; a typo like {@code -t A,,MX} or {@code -t 'A MX'} is caught here.
     */
    static final class RecordTypeName implements ITypeConverter<String> {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");

        @Override
        public String convert(String value) {
            if (!NAME.matcher(value).matches()) {
                throw new TypeConversionException("'" + SafeText.of(value)
                        + "' is not a record type (letters and digits, e.g. A, AAAA, MX; several: -t A,AAAA)");
            }
            return value.toUpperCase(Locale.ROOT);
        }
    }

    /** A location's name as the gateway lists it (us-east-1): lower-case letters, digits and hyphens. */
    static final class LocationName implements ITypeConverter<String> {
        private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62})");

        @Override
        public String convert(String value) {
            String name = value.toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches()) {
                throw new TypeConversionException("'" + SafeText.of(value)
                        + "' is not a location (e.g. us-east-1; several: -l us-east-1,eu-west-1)");
            }
            return name;
        }
    }
}
