package dev.geodig.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code geodig trace}: a request's trace as a waterfall, read through the gateway from Jaeger. */
@Command(name = "trace",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        description = {
            "Shows a request's trace as a waterfall.",
            "",
            "One row per span, indented under its parent, with its service, kind, start and duration in"
                    + " milliseconds, and a bar on the trace's time axis. Spans reach Jaeger a second or three"
                    + " after a request, so a trace not found yet is asked for again until --wait has passed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the trace was shown",
            "1:no such trace (yet) after --wait",
            "2:the gateway rejected the trace id (400), or the command line is wrong",
            "3:the gateway or Jaeger behind it is unreachable, failed (5xx), or did not answer like a geodig gateway"})
final class TraceCommand implements Callable<Integer> {

    @Mixin
    private GatewayCommandMixin gateway;

    @Parameters(index = "0", paramLabel = "<trace_id>", description = "32 hex digits, as `geodig lookup` prints it")
    private String traceId;

    @Option(names = "--wait", paramLabel = "<duration>", defaultValue = "10s", converter = WaitDuration.class,
            description = "how long to wait for the trace to reach Jaeger, e.g. 500ms, 10s, 1m (default: ${DEFAULT-VALUE})")
    private Duration wait;

    @Override
    public Integer call() throws InterruptedException {
        Io io = gateway.io();
        TraceFetch fetch = new TraceFetch(new GatewayClient(gateway.gatewayUrl())::trace, Clock.systemUTC(),
                pause -> Thread.sleep(pause),
                () -> io.err().println("geodig: trace " + SafeText.of(traceId) + " is not in Jaeger yet; waiting up to "
                        + WaitDuration.format(wait) + " (spans arrive a few seconds after the request)"));
        TraceFetch.Outcome outcome;
        try {
            outcome = fetch.fetch(traceId, wait);
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        } catch (RuntimeException notATrace) {
            return gateway.notA("a trace", notATrace);
        }
        return switch (outcome) {
            case TraceFetch.Outcome.Found found -> {
                gateway.print(found.body(),
                        style -> new WaterfallPrinter(style, io.glyphs(style.colored())).print(found.trace()));
                if (!found.settled()) {
                    io.err().println("geodig: some spans may still have been on their way; run it again to see them all");
                }
                yield ExitCode.OK;
            }
            case TraceFetch.Outcome.NotFound notFound -> {
                io.err().println("geodig: no trace " + SafeText.of(traceId) + " in Jaeger after " + WaitDuration.format(notFound.waited())
                        + " (a wrong id, a trace older than Jaeger keeps, or spans still on their way: try a longer --wait)");
                yield ExitCode.INCOMPLETE;
            }
            case TraceFetch.Outcome.Failed failed -> gateway.failed(failed.response(), "trace failed");
        };
    }

    /** {@code --wait}: {@code 500ms}, {@code 10s}, {@code 2m}, a bare number of seconds, or ISO-8601 ({@code PT10S}). */
    static final class WaitDuration implements ITypeConverter<Duration> {
        private static final Pattern AMOUNT = Pattern.compile("(\\d{1,9})(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher amount = AMOUNT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (amount.matches()) {
                long number = Long.parseLong(amount.group(1));
                return switch (amount.group(2) == null ? "s" : amount.group(2)) {
                    case "ms" -> Duration.ofMillis(number);
                    case "m" -> Duration.ofMinutes(number);
                    default -> Duration.ofSeconds(number);
                };
            }
            try {
                Duration duration = Duration.parse(value.strip());
                if (!duration.isNegative()) {
                    return duration;
                }
            } catch (RuntimeException notIso) {
                // falls through to the message below
            }
            throw new TypeConversionException("'" + SafeText.of(value) + "' is not a duration (e.g. 500ms, 10s, 1m)");
        }

        static String format(Duration duration) {
            long millis = duration.toMillis();
            return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        }
    }
}
