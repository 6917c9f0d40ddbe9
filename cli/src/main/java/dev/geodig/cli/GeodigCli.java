package dev.geodig.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code geodig}: the terminal client of a geodig gateway. The entry point and the options every command takes. */
@Command(name = "geodig",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        subcommands = {LookupCommand.class, TraceCommand.class, TracesCommand.class, FaultsCommand.class},
        description = "Geo-distributed DNS lookups from the terminal: the same question asked from every location,"
                + " the answers side by side, the request's trace as a waterfall, a search of the traces, and the"
                + " injected faults.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (every location answered; the trace was shown; traces matched; the faults were listed or changed)",
            "1:the lookup ran, but not every location answered (partial, timeout); no such trace within --wait;"
                    + " no trace matched",
            "2:the gateway rejected or refused the request (4xx), or the command line is wrong",
            "3:the gateway is unreachable, failed (5xx), or did not answer like a geodig gateway"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  geodig lookup www.geodig.test",
            "  geodig lookup geodig.test -t MX,TXT -l us-east-1,eu-west-1",
            "  geodig trace 4bf92f3577b34da6a3ce929d0e0e4736",
            "  geodig traces --domain www.geodig.test --status partial --since 15m",
            "  geodig faults set dns-delay@eu-west-1 800ms --rate 50"})
public final class GeodigCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateway", scope = ScopeType.INHERIT, paramLabel = "<url>", converter = GatewayUrl.class,
            description = "the gateway's address (default: $" + GatewayUrl.ENV + ", else " + GatewayUrl.DEFAULT + ")")
    private String gateway;

    @Option(names = "--color", scope = ScopeType.INHERIT, paramLabel = "<when>", defaultValue = "auto",
            description = "auto (colours when output is a terminal, NO_COLOR is unset and TERM is not dumb),"
                    + " always or never (default: ${DEFAULT-VALUE})")
    private ColorMode color = ColorMode.AUTO;

    private final Io io;

    GeodigCli(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        int exitCode = commandLine(Io.system()).execute(args);
        System.exit(exitCode);
    }

    /** The command line, ready to {@code execute}: output to {@code io}, help coloured by the same rule. */
    static CommandLine commandLine(Io io) {
        CommandLine commandLine = new CommandLine(new GeodigCli(io));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // `./geodig lookup` passes the topology's --gateway first; one the user types after it wins.
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setOut(new PrintWriter(io.out(), true));
        commandLine.setErr(new PrintWriter(io.err(), true));
        commandLine.setColorScheme(Help.defaultColorScheme(io.colors(ColorMode.AUTO) ? Help.Ansi.ON : Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(GeodigCli::usageError);
        return commandLine;
    }

    /**
     * A wrong command line: what is wrong and where to read more, on standard error. Not the whole usage
     * text, which would push the one line that matters off the screen.
     */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("geodig: " + SafeText.of(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: lookup, trace, traces or faults");
    }

    Io io() {
        return io;
    }

    ColorMode color() {
        return color;
    }

    /** The gateway to talk to; a bad $GEODIG_GATEWAY_URL is a usage error like a bad --gateway. */
    String gatewayUrl(CommandLine commandLine) {
        try {
            return GatewayUrl.choose(gateway, io.env());
        } catch (CommandLine.TypeConversionException e) {
            throw new ParameterException(commandLine, e.getMessage());
        }
    }

    /** The version in the jar's manifest, when run from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GeodigCli.class.getPackage().getImplementationVersion();
            return new String[] {"geodig terminal client " + (version == null ? "(development build)" : version)};
        }
    }
}
