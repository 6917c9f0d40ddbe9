package dev.geodig.cli;

import dev.geodig.contract.TraceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geodig traces}: the traces that match, one line each, newest first, through the gateway's search. */
@Command(name = "traces",
        mixinStandardHelpOptions = true,
        versionProvider = GeodigCli.Version.class,
        description = {
            "Lists the traces that match, newest first: one line per trace with its start, id, duration, the lookup's"
                    + " status, the domain, its span count and how many spans failed.",
            "",
            "The gateway searches Jaeger (the traces with a span of --service in the last --since) and filters what"
                    + " Jaeger cannot: tags on any span, the trace's duration, the lookup's status."
                    + " `geodig trace <trace_id>` shows one as a waterfall."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:at least one trace matched and was listed",
            "1:no trace matched",
            "2:the gateway rejected the search (its reasons on standard error), or the command line is wrong",
            "3:the gateway or Jaeger behind it is unreachable, failed (5xx), or did not answer like a geodig gateway"})
final class TracesCommand implements Callable<Integer> {

    @Mixin
    private GatewayCommandMixin gateway;

    @Option(names = "--service", paramLabel = "<service>",
            description = "traces with a span of this service (default: the gateway's, dns-gateway)")
    private String service;

    @Option(names = "--operation", paramLabel = "<name>", description = "... a span of that service with this name")
    private String operation;

    @Option(names = "--domain", paramLabel = "<domain>", description = "a span with dns.domain=<domain>: lookups of that name")
    private String domain;

    @Option(names = "--status", paramLabel = "<status>", description = "the lookup's status: success, partial or timeout")
    private String status;

    @Option(names = "--location", paramLabel = "<location>", description = "a span with worker.location=<location>: a worker of it took part")
    private String location;

    @Option(names = "--tag", paramLabel = "<key=value>", description = "a span with this attribute; repeatable, all must match")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--errors", description = "only traces with a span whose status is error")
    private boolean errors;

    @Option(names = "--min-duration", paramLabel = "<duration>", description = "traces lasting at least this, e.g. 200ms, 1.5s")
    private String minDuration;

    @Option(names = "--max-duration", paramLabel = "<duration>", description = "traces lasting at most this, e.g. 2s")
    private String maxDuration;

    @Option(names = "--since", paramLabel = "<lookback>", description = "how far back: 5m, 15m, 1h, 6h or 24h (default: 1h)")
    private String since;

    @Option(names = "--limit", paramLabel = "<n>", description = "at most this many traces, 1 to 200 (default: 20)")
    private Integer limit;

    @Override
    public Integer call() {
        GatewayClient.Response response;
        try {
            response = new GatewayClient(gateway.gatewayUrl()).traces(parameters());
        } catch (GatewayUnreachableException e) {
            return gateway.unreachable(e);
        }
        if (response.status() != 200) {
            return gateway.failed(response, "search failed");
        }
        TraceList list;
        try {
            list = GatewayJson.readTraceList(response.body());
        } catch (RuntimeException notAList) {
            return gateway.notA("a list of traces", notAList);
        }
        Io io = gateway.io();
        if (list.traces().isEmpty()) {
            io.err().println("geodig: no trace matches (" + list.searched() + " searched" + (list.complete() ? ""
                    : "; older traces of the range were not: narrow --since or add --service") + ")");
            if (gateway.json()) {
                gateway.print(response.body(), style -> List.of()); // the empty list, for jq
            }
            return ExitCode.INCOMPLETE;
        }
        gateway.print(response.body(), style -> new TraceListPrinter(style).print(list));
        if (!list.complete()) {
            io.err().println(list.traces().size() >= list.limit()
                    ? "geodig: more traces match; these are the newest " + list.limit() + " (raise --limit to see more)"
                    : "geodig: only the newest " + list.searched() + " traces of the range were searched; older ones may match"
                            + " too (narrow --since or add --service)");
        }
        return ExitCode.OK;
    }

    /** The search's query parameters, in order, as the gateway names them (docs/messages.md). */
    List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        add(parameters, "service", service);
        add(parameters, "operation", operation);
        add(parameters, "tag", domain == null ? null : "dns.domain=" + domain);
        add(parameters, "tag", location == null ? null : "worker.location=" + location);
        tags.forEach(tag -> add(parameters, "tag", tag));
        add(parameters, "tag", errors ? "error=true" : null);
        add(parameters, "lookup_status", status);
        add(parameters, "min_duration", minDuration);
        add(parameters, "max_duration", maxDuration);
        add(parameters, "lookback", since);
        add(parameters, "limit", limit == null ? null : limit.toString());
        return parameters;
    }

    private static void add(List<Map.Entry<String, String>> parameters, String name, String value) {
        if (value != null) {
            parameters.add(Map.entry(name, value));
        }
    }
}
