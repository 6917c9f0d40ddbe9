package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.cli.WaterfallPrinter.Glyphs;
import dev.geodig.contract.TraceView;
import dev.geodig.contract.TraceView.Kind;
import dev.geodig.contract.TraceView.SpanRow;
import dev.geodig.contract.TraceView.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterfallPrinterTest {

    static SpanRow span(String id, String parent, String name, String service, Kind kind, int depth,
            long startUs, long durationUs, Status status, String message) {
        return new SpanRow(id, parent, name, service, kind, depth, startUs, durationUs, status, message, Map.of(), List.of(), 0);
    }

    /** A 10 ms trace: four nested spans, one failed (with a message that tries to retitle the terminal), one tiny. */
    static TraceView trace() {
        return new TraceView(Reports.TRACE_ID, "2026-11-26T14:03:01.123456Z", 10_000,
                List.of("dns-gateway", "dns-orchestrator", "dns-worker-us-east-1"), 4,
                List.of(span("a1", null, "POST /api/v1/dns/lookup", "dns-gateway", Kind.SERVER, 0, 0, 10_000, Status.UNSET, null),
                        span("b2", "a1", "POST", "dns-gateway", Kind.CLIENT, 1, 1_000, 8_000, Status.UNSET, null),
                        span("c3", "b2", "POST /internal/v1/lookups", "dns-orchestrator", Kind.SERVER, 2, 2_000, 6_000,
                                Status.ERROR, "boom\u001b]0;pwned\u0007"),
                        span("d4", "c3", "lookup_a_record", "dns-worker-us-east-1", Kind.INTERNAL, 3, 5_000, 10, Status.OK, null)),
                null);
    }

    @Test
    void plainWaterfallHasAHeaderAndOneRowPerSpanOnACommonTimeAxis() {
        List<String> lines = new WaterfallPrinter(Style.PLAIN, Glyphs.ASCII).print(trace());

        assertThat(lines).containsExactly(
                "trace 4bf92f3577b34da6a3ce929d0e0e4736: 4 spans, 3 services, 10.00 ms",
                "started  2026-11-26T14:03:01.123456Z",
                "services dns-gateway dns-orchestrator dns-worker-us-east-1",
                "",
                "  span                           service               kind      start ms    dur ms  0                               10.00 ms",
                "  POST /api/v1/dns/lookup        dns-gateway           server        0.00     10.00  ########################################",
                "    POST                         dns-gateway           client        1.00      8.00  ....################################....",
                "!     POST /internal/v1/lookups  dns-orchestrator      server        2.00      6.00  ........########################........  error: boom\\027]0;pwned\\007",
                "        lookup_a_record          dns-worker-us-east-1  internal      5.00      0.01  ....................#...................");
    }

    @Test
    void colouredWaterfallIsThePlainOneWithColoursAndBlocks() {
        List<String> colored = new WaterfallPrinter(Style.COLOR, Glyphs.ASCII).print(trace());

        assertThat(colored.stream().map(ReportPrinterTest::withoutSgr).toList())
                .containsExactlyElementsOf(new WaterfallPrinter(Style.PLAIN, Glyphs.ASCII).print(trace()));
        assertThat(colored.get(7)).as("the failed span in red").contains("\u001b[31m!\u001b[0m");

        List<String> blocks = new WaterfallPrinter(Style.COLOR, Glyphs.BLOCKS).print(trace());
        assertThat(ReportPrinterTest.withoutSgr(blocks.get(8)))
                .endsWith("\u00b7".repeat(20) + "\u2588" + "\u00b7".repeat(19));
    }

    @Test
    void everySpanGetsAtLeastOneCellWithinTheAxis() {
        WaterfallPrinter printer = new WaterfallPrinter(Style.PLAIN, Glyphs.ASCII);
        long total = 1_000_000;

        assertThat(printer.bar(span("x", null, "x", "s", Kind.CLIENT, 0, 0, 0, Status.UNSET, null), total, Style.Color.RED))
                .isEqualTo("#" + ".".repeat(39));
        assertThat(printer.bar(span("x", null, "x", "s", Kind.CLIENT, 0, total, 0, Status.UNSET, null), total, Style.Color.RED))
                .as("a span at the very end still shows, in the last cell").isEqualTo(".".repeat(39) + "#");
        assertThat(printer.bar(span("x", null, "x", "s", Kind.CLIENT, 0, total / 2, total, Status.UNSET, null), total, Style.Color.RED))
                .as("a span reported past the trace's end is cut at the axis").isEqualTo(".".repeat(20) + "#".repeat(20));
        assertThat(printer.bar(span("x", null, "x", "s", Kind.CLIENT, 0, 0, 5, Status.UNSET, null), 0, Style.Color.RED))
                .as("a trace of zero length").isEqualTo("#" + ".".repeat(39));
    }

    @Test
    void longNamesAreCutAndOrphansAreAnnounced() {
        String longName = "x".repeat(80);
        TraceView trace = new TraceView(Reports.TRACE_ID, null, 1000, List.of("svc"), 1,
                List.of(span("a", "missing-parent", longName, "svc", Kind.CONSUMER, 0, 0, 1000, Status.UNSET, null)), null);

        List<String> lines = new WaterfallPrinter(Style.PLAIN, Glyphs.ASCII).print(trace);

        assertThat(lines).containsExactly(
                "trace 4bf92f3577b34da6a3ce929d0e0e4736: 1 span, 1 service, 1.00 ms",
                "services svc",
                "1 span's parent is not in the trace (yet): shown as roots",
                "",
                "  span                                              service  kind      start ms    dur ms  0                                1.00 ms",
                "  " + "x".repeat(45) + "...  svc      consumer      0.00      1.00  " + "#".repeat(40));
    }
}
