package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceList;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/traces?service=&operation=&tag=&lookup_status=&min_duration=&max_duration=&lookback=|start=&end=&limit=}:
 * the traces that match, newest first, one summary each (docs/trace-search.md). One request to
 * Jaeger per search: the traces with a span of the service (and operation) in the range, which Jaeger can
 * select; what it cannot (tags on any span, the trace's duration, the lookup's status) the gateway filters
 * from the newest {@link #FILTERED_SEARCH_DEPTH} traces of the range (fewer when Jaeger keeps fewer).
 */
@RestController
class TraceSearchController {

    /**
     * How many of the newest traces of the range a search that filters in the gateway reads. Jaeger builds its
     * whole answer in memory: measured, a thousand lookups' traces are 34 MB of JSON, about a second, and
     * Jaeger's memory grew by 200 MB answering it, against a budget of some 300 MB (deploy/otel/jaeger.yaml).
     * Half of that is the bound; the answer says when older traces of the range were not read
     * (docs/trace-search.md).
     */
    static final int FILTERED_SEARCH_DEPTH = 250;

    private final JaegerTraces jaeger;
    private final Clock clock = Clock.systemUTC();

    TraceSearchController(JaegerTraces jaeger) {
        this.jaeger = jaeger;
    }

    @GetMapping(path = "/api/v1/traces", produces = MediaType.APPLICATION_JSON_VALUE)
    TraceList search(HttpServletRequest request) {
        TraceSearch search = TraceSearch.parse(request.getQueryString(), clock.instant());
        // Without a filter of its own the gateway asks for one trace more than it lists: whether there is
        // one tells whether the list is complete.
        int wanted = search.filtersInGateway() ? FILTERED_SEARCH_DEPTH : search.limit() + 1;
        int depth = Math.min(wanted, jaeger.maxTraces());
        TraceSummaries summaries = new TraceSummaries(search);
        jaeger.search(new JaegerTraces.Search(search.service(), search.operation(), search.range(), depth), summaries::add);
        return summaries.list(depth);
    }
}
