package dev.geodig.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.contract.TraceList;
import dev.geodig.contract.TraceList.RootSpan;
import dev.geodig.contract.TraceList.TraceSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceListPrinterTest {

    private static final RootSpan LOOKUP = new RootSpan("dns-gateway", "POST /api/v1/dns/lookup");

    /** Three traces, newest first: a partial lookup, a failed one whose domain tries to clear the screen, one never orchestrated. */
    static TraceList list() {
        return new TraceList(List.of(
                new TraceSummary("4bf92f3577b34da6a3ce929d0e0e4736", "2026-12-05T10:00:05.123Z", 5012.3456, LOOKUP,
                        "www.geodig.test", "partial", 31, List.of("dns-gateway", "dns-orchestrator"), 0),
                new TraceSummary("0af7651916cd43dd8448eb211c80319c", "2026-12-05T10:00:01.000Z", 2104.5, LOOKUP,
                        "x\u001b[2J.geodig.test", "partial", 37, List.of("dns-gateway"), 3),
                new TraceSummary("b270a680b063957d2a986300d59e7163", "2026-12-05T09:59:58.010Z", 3.457, LOOKUP,
                        null, null, 2, List.of("dns-gateway"), 2)),
                20, true, 3);
    }

    @Test
    void oneLinePerTraceUnderAHeaderColumnsAligned() {
        assertThat(new TraceListPrinter(Style.PLAIN).print(list())).containsExactly(
                "start                     trace                               duration  status   domain                spans  errors",
                "2026-12-05T10:00:05.123Z  4bf92f3577b34da6a3ce929d0e0e4736  5012.35 ms  partial  www.geodig.test          31       0",
                "2026-12-05T10:00:01.000Z  0af7651916cd43dd8448eb211c80319c  2104.50 ms  partial  x\\027[2J.geodig.test     37       3",
                "2026-12-05T09:59:58.010Z  b270a680b063957d2a986300d59e7163     3.46 ms  -        -                         2       2");
    }

    @Test
    void colouredListIsThePlainOneWithColours() {
        List<String> colored = new TraceListPrinter(Style.COLOR).print(list());

        assertThat(colored.stream().map(ReportPrinterTest::withoutSgr).toList())
                .containsExactlyElementsOf(new TraceListPrinter(Style.PLAIN).print(list()));
        assertThat(colored.get(1)).contains("\u001b[33mpartial\u001b[0m");
        assertThat(colored.get(2)).as("failed spans in red").endsWith("\u001b[31m3\u001b[0m");
        assertThat(String.join("\n", colored)).doesNotContain("\u001b[2J");
    }

    @Test
    void anEmptyListIsTheHeaderAlone() {
        assertThat(new TraceListPrinter(Style.PLAIN).print(new TraceList(List.of(), 20, true, 0)))
                .containsExactly("start  trace  duration  status  domain  spans  errors");
    }
}
