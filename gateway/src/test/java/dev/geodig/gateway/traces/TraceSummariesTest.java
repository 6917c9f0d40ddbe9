package dev.geodig.gateway.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.TraceList;
import dev.geodig.contract.TraceList.RootSpan;
import dev.geodig.contract.TraceList.TraceSummary;
import dev.geodig.testkit.JaegerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Summaries and the gateway's own filters over Jaeger's real answer: lookup-shaped traces (a success, a lookup a
 * worker never answered, one whose DNS server failed, one that never reached the orchestrator) are stored in a
 * real Jaeger, searched through its API v3 as the gateway searches, and summed up span by span.
 */
class TraceSummariesTest {

    @RegisterExtension
    static final JaegerExtension jaeger = new JaegerExtension(100);

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final LookupTrace A1 = LookupTrace.of("a.geodig.test").startingAt(T0.minusSeconds(50)).lasting(Duration.ofMillis(40));
    private static final LookupTrace A2 = LookupTrace.of("a.geodig.test").startingAt(T0.minusSeconds(40)).lasting(Duration.ofMillis(40));
    private static final LookupTrace B = LookupTrace.of("b.geodig.test").startingAt(T0.minusSeconds(30)).lasting(Duration.ofMillis(80));
    private static final LookupTrace PARTIAL = LookupTrace.of("p.geodig.test").startingAt(T0.minusSeconds(20))
            .lasting(Duration.ofMillis(5000)).answeredBy("us-east-1", "eu-west-1");
    private static final LookupTrace FAILED = LookupTrace.of("e.geodig.test").startingAt(T0.minusSeconds(10))
            .lasting(Duration.ofMillis(2100)).failingAt("asia-south-1");
    private static final LookupTrace UNREACHED = LookupTrace.of("u.geodig.test").startingAt(T0.minusSeconds(5))
            .lasting(Duration.ofNanos(3_456_789)).orchestratorUnreachable();
    private static final String RANGE = "start=" + T0.minusSeconds(60) + "&end=" + T0;

    private static JaegerTraces traces;

    @BeforeAll
    static void storeTheTraces() {
        traces = JaegerReader.of(jaeger.queryUrl(), jaeger.maxTraces());
        for (LookupTrace trace : List.of(A1, A2, B, PARTIAL, FAILED, UNREACHED)) {
            jaeger.send(trace.otlpJson());
        }
        await("Jaeger stores the six traces (it batches for 200 ms)").atMost(Duration.ofSeconds(10))
                .until(() -> ids(RANGE, 100).size() == 6);
    }

    /** The search as the gateway runs it: Jaeger asked {@code depth} deep, the answer summed up and filtered. */
    private static TraceList search(String query, int depth) {
        TraceSearch search = TraceSearch.parse(query, T0);
        TraceSummaries summaries = new TraceSummaries(search);
        traces.search(new JaegerTraces.Search(search.service(), search.operation(), search.range(), depth), summaries::add);
        return summaries.list(depth);
    }

    private static List<String> ids(String query, int depth) {
        return search(query, depth).traces().stream().map(TraceSummary::traceId).toList();
    }

    private static List<String> ids(LookupTrace... traces) {
        return Arrays.stream(traces).map(LookupTrace::traceId).toList();
    }

    @Test
    void everyTraceOfTheServiceInTheRangeNewestFirst() {
        TraceList list = search(RANGE, 100);

        assertThat(list.traces()).extracting(TraceSummary::traceId).containsExactlyElementsOf(ids(UNREACHED, FAILED, PARTIAL, B, A2, A1));
        assertThat(list.complete()).isTrue();
        assertThat(list.searched()).isEqualTo(6);
        assertThat(list.limit()).isEqualTo(20);
    }

    @Test
    void aPartialLookupsSummary() {
        TraceSummary partial = search(RANGE + "&tag=dns.domain=p.geodig.test", 100).traces().getFirst();

        // T0 is a whole second, written with milliseconds.
        assertThat(partial).isEqualTo(new TraceSummary(PARTIAL.traceId(), T0.minusSeconds(20).toString().replace("Z", ".000Z"),
                5000.0, new RootSpan("dns-gateway", "POST /api/v1/dns/lookup"),
                "p.geodig.test", "partial", PARTIAL.spanCount(),
                List.of("dns-gateway", "dns-orchestrator", "dns-worker-eu-west-1", "dns-worker-us-east-1"), 0));
    }

    @Test
    void failedSpansAreCountedAndALookupWithoutOrchestratorHasNoDomainNorStatus() {
        TraceSummary failed = search(RANGE + "&tag=dns.domain=e.geodig.test", 100).traces().getFirst();
        TraceSummary unreached = search(RANGE + "&limit=1", 100).traces().getFirst();

        assertThat(failed.errorSpans()).as("process_dns_task, lookup_all_records, lookup_a_record of asia-south-1").isEqualTo(3);
        assertThat(failed.lookupStatus()).isEqualTo("partial");
        assertThat(failed.durationMs()).isEqualTo(2100.0);
        assertThat(unreached.traceId()).isEqualTo(UNREACHED.traceId());
        assertThat(unreached.domain()).isNull();
        assertThat(unreached.lookupStatus()).isNull();
        assertThat(unreached.spanCount()).isEqualTo(2);
        assertThat(unreached.errorSpans()).isEqualTo(2);
        assertThat(unreached.services()).containsExactly("dns-gateway");
        assertThat(unreached.durationMs()).as("to the microsecond").isEqualTo(3.457);
        assertThat(unreached.start()).endsWith(".000Z");
    }

    @Test
    void tagsMatchAnySpanOfTheTraceNotOnlyTheServices() {
        assertThat(ids(RANGE + "&tag=dns.domain=a.geodig.test", 100)).containsExactlyElementsOf(ids(A2, A1));
        assertThat(ids(RANGE + "&tag=result.status=partial", 100)).containsExactlyElementsOf(ids(FAILED, PARTIAL));
        assertThat(ids(RANGE + "&tag=worker.location=asia-south-1", 100)).containsExactlyElementsOf(ids(FAILED, B, A2, A1));
        assertThat(ids(RANGE + "&tag=worker.location=asia-south-1&tag=result.status=success", 100))
                .as("every tag on some span, not necessarily one: the failed lookup's other workers succeeded")
                .containsExactlyElementsOf(ids(FAILED, B, A2, A1));
        assertThat(ids(RANGE + "&tag=worker.location=asia-south-1&tag=dns.domain=p.geodig.test", 100)).as("every tag").isEmpty();
        assertThat(ids(RANGE + "&tag=dns.domain=nowhere.test", 100)).isEmpty();
    }

    @Test
    void errorTrueIsAnySpanWithTheStatusError() {
        assertThat(ids(RANGE + "&tag=error=true", 100)).containsExactlyElementsOf(ids(UNREACHED, FAILED));
        assertThat(ids(RANGE + "&tag=error=false", 100)).containsExactlyElementsOf(ids(PARTIAL, B, A2, A1));
        assertThat(ids(RANGE + "&tag=error=true&tag=dns.domain=e.geodig.test", 100)).containsExactlyElementsOf(ids(FAILED));
    }

    @Test
    void theLookupsStatusIsTheOrchestratorsNotAWorkers() {
        assertThat(ids(RANGE + "&lookup_status=partial", 100)).containsExactlyElementsOf(ids(FAILED, PARTIAL));
        assertThat(ids(RANGE + "&lookup_status=success", 100)).containsExactlyElementsOf(ids(B, A2, A1));
    }

    @Test
    void durationsAreTheTracesWholeDuration() {
        assertThat(ids(RANGE + "&min_duration=1s", 100)).containsExactlyElementsOf(ids(FAILED, PARTIAL));
        assertThat(ids(RANGE + "&max_duration=100ms", 100)).containsExactlyElementsOf(ids(UNREACHED, B, A2, A1));
        assertThat(ids(RANGE + "&min_duration=40ms&max_duration=80ms", 100)).as("both ends included").containsExactlyElementsOf(ids(B, A2, A1));
        assertThat(ids(RANGE + "&min_duration=2.1s&max_duration=4999999us", 100)).containsExactlyElementsOf(ids(FAILED));
    }

    @Test
    void serviceOperationAndRangeAreJaegersToSelect() {
        assertThat(ids("service=dns-worker-asia-south-1&" + RANGE, 100)).containsExactlyElementsOf(ids(FAILED, B, A2, A1));
        assertThat(ids("service=dns-orchestrator&operation=wait_for_results&" + RANGE, 100)).containsExactlyElementsOf(ids(FAILED, PARTIAL, B, A2, A1));
        assertThat(ids("operation=nothing&" + RANGE, 100)).isEmpty();
        assertThat(ids("start=" + T0.minusSeconds(35) + "&end=" + T0.minusSeconds(15), 100)).containsExactlyElementsOf(ids(PARTIAL, B));
    }

    @Test
    void aListCutByTheLimitOrTheDepthSaysItIsNotComplete() {
        // Jaeger cuts at the depth by the order it stored the traces in, which within one of its batches is any:
        // which traces a shallow search reads is Jaeger's to say; that the list says so is the gateway's.
        TraceList newest = search(RANGE + "&limit=2", 3);
        assertThat(newest.traces()).hasSize(2);
        assertThat(newest.traces().get(0).start()).isGreaterThan(newest.traces().get(1).start());
        assertThat(newest.searched()).isEqualTo(3);
        assertThat(newest.complete()).as("a third trace came").isFalse();

        TraceList all = search(RANGE + "&limit=6", 7);
        assertThat(all.traces()).hasSize(6);
        assertThat(all.complete()).isTrue();

        TraceList shallow = search(RANGE + "&tag=error=false", 4);
        assertThat(shallow.searched()).isEqualTo(4);
        assertThat(shallow.traces()).extracting(TraceSummary::traceId).isSubsetOf(ids(PARTIAL, B, A2, A1));
        assertThat(shallow.complete()).as("older traces were not read").isFalse();

        TraceList moreThanTheLimit = search(RANGE + "&tag=error=false&limit=3", 100);
        assertThat(moreThanTheLimit.traces()).extracting(TraceSummary::traceId).containsExactlyElementsOf(ids(PARTIAL, B, A2));
        assertThat(moreThanTheLimit.complete()).isFalse();
    }
}
