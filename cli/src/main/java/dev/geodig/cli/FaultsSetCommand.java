package dev.geodig.cli;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSettingRequest;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code geodig faults set <fault>[@<location>] <value> [--rate N]}. */
@Command(name = "set",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        description = {
            "Switches a fault on in one location (orchestrator-delay: in none), replacing its setting there.",
            "",
            "<value> is, for dns-delay and orchestrator-delay, how long (800ms, 2s, or a number of ms); for"
                    + " dns-servfail, the record type that fails (AAAA); for worker-fail, worker-drop and worker-exit,"
                    + " the share of lookups (50% or 50; on = 100%). off switches the fault off there."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the fault was set; the faults are listed",
            "2:the gateway refused or rejected the change (its reasons on standard error), or the command line is wrong",
            "3:the gateway is unreachable, failed (5xx), or did not answer like a geodig gateway"})
final class FaultsSetCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s)?|(\\d{1,6})\\.(\\d{1,3})s");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%?");
    private static final Pattern RECORD_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,15}");

    /** What the command line asks of a fault: a setting ({@code PUT}), or, with {@code setting} null, off ({@code DELETE}). */
    record Change(FaultTarget target, FaultSettingRequest setting) {
    }

    @Spec
    private CommandSpec spec;

    @Mixin
    private GatewayCommandMixin gateway;

    @Mixin
    private FaultTokenOption tokenOption;

    @Parameters(index = "0", paramLabel = "<fault>[@<location>]", converter = FaultTarget.Converter.class,
            description = "e.g. dns-delay@eu-west-1, orchestrator-delay")
    private FaultTarget target;

    @Parameters(index = "1", paramLabel = "<value>", description = "800ms, 2s, AAAA, 50%, on or off (see above)")
    private String value;

    @Option(names = "--rate", paramLabel = "<percent>",
            description = "for dns-delay, dns-servfail and orchestrator-delay: the share of lookups, 1 to 100 (default: 100)")
    private Integer rate;

    @Override
    public Integer call() {
        Change change = change();
        String token = tokenOption.token(spec.commandLine(), gateway.io().env());
        GatewayClient client = new GatewayClient(gateway.gatewayUrl());
        GatewayClient.Response response;
        try {
            response = change.setting() == null
                    ? client.clearFaults(change.target().fault().key(), change.target().location(), token)
                    : client.setFault(change.target().fault().key(), change.setting(), token);
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        }
        return FaultsCommand.shown(gateway, response, "setting " + change.target() + " failed");
    }

    /** The change this command line asks; a usage error when the value is not what the fault takes. */
    Change change() {
        Fault fault = target.fault();
        if (fault.perLocation() && target.location() == null) {
            throw usage(fault.key() + " acts in one location: name it, e.g. " + fault.key() + "@eu-west-1");
        }
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("off")) {
            if (rate != null) {
                throw usage("off takes no --rate");
            }
            return new Change(target, null);
        }
        return switch (fault.parameter()) {
            case NONE -> {
                if (rate != null) {
                    throw usage(fault.key() + " takes its rate as its value, e.g. " + target + " 50%; not --rate");
                }
                int percent = text.equals("on") ? 100 : percent(text);
                yield percent == 0 ? new Change(target, null) : new Change(target, new FaultSettingRequest(target.location(), percent, null, null));
            }
            case DELAY_MS -> new Change(target, new FaultSettingRequest(target.location(), rate(), delayMs(text), null));
            case RECORD_TYPE -> {
                if (!RECORD_TYPE.matcher(text).matches()) {
                    throw usage("'" + SafeText.of(value) + "' is not a record type (e.g. A, AAAA, MX) nor off");
                }
                yield new Change(target, new FaultSettingRequest(target.location(), rate(), null, text.toUpperCase(Locale.ROOT)));
            }
        };
    }

    private int rate() {
        if (rate == null) {
            return 100;
        }
        if (rate < 1 || rate > 100) {
            throw usage("--rate must be from 1 to 100 (percent of lookups), not " + rate);
        }
        return rate;
    }

    private int percent(String text) {
        Matcher percent = PERCENT.matcher(text);
        if (!percent.matches() || Integer.parseInt(percent.group(1)) > 100) {
            throw usage("'" + SafeText.of(value) + "' is not a share of lookups (0% to 100%, on or off)");
        }
        return Integer.parseInt(percent.group(1));
    }

    /** {@code 800ms}, {@code 800} (milliseconds), {@code 2s}, {@code 1.5s}. */
    private int delayMs(String text) {
        Matcher duration = DURATION.matcher(text);
        long millis = -1;
        if (duration.matches()) {
            if (duration.group(1) != null) {
                long number = Long.parseLong(duration.group(1));
                millis = "s".equals(duration.group(2)) ? number * 1000 : number;
            } else {
                String fraction = (duration.group(4) + "00").substring(0, 3);
                millis = Long.parseLong(duration.group(3)) * 1000 + Integer.parseInt(fraction);
            }
        }
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw usage("'" + SafeText.of(value) + "' is not a delay (e.g. 800ms, 2s, 1.5s, or a number of ms) nor off");
        }
        return (int) millis;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
