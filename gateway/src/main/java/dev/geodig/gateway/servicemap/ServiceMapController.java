package dev.geodig.gateway.servicemap;

import dev.geodig.gateway.traces.JaegerTraces;
import dev.geodig.gateway.traces.QueryParameters;
import dev.geodig.gateway.traces.TimeRange;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/service-map?lookback=|start=&end=&limit=}: the services and streams the traces of a time
 * range crossed, and how often, counted from the newest {@code limit} of them in one search of Jaeger's
 * (docs/trace-search.md).
 */
@RestController
class ServiceMapController {

    static final String LIMIT = "limit";
    /** As many as a filtered trace search reads, for the same reason: Jaeger builds its whole answer in memory. */
    static final int DEFAULT_LIMIT = 250;
    static final int MAX_LIMIT = 1000;
    static final String DEFAULT_LOOKBACK = "1h";
    private static final Set<String> PARAMETERS = Set.of(TimeRange.LOOKBACK, TimeRange.START, TimeRange.END, LIMIT);

    private final JaegerTraces jaeger;
    private final Clock clock = Clock.systemUTC();

    ServiceMapController(JaegerTraces jaeger) {
        this.jaeger = jaeger;
    }

    @GetMapping(path = "/api/v1/service-map", produces = MediaType.APPLICATION_JSON_VALUE)
    ServiceMap serviceMap(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.parse(request.getQueryString(), PARAMETERS);
        TimeRange range = TimeRange.from(parameters, clock.instant(), DEFAULT_LOOKBACK);
        int limit = parameters.wholeNumber(LIMIT, DEFAULT_LIMIT, MAX_LIMIT);
        parameters.throwIfInvalid("The service map's parameters are invalid.");

        // No more than Jaeger keeps; one trace more than counted, when it keeps that many, tells whether the
        // range held more.
        int counted = Math.min(limit, jaeger.maxTraces());
        int depth = Math.min(counted + 1, jaeger.maxTraces());
        HopCounter hops = new HopCounter(counted);
        jaeger.search(new JaegerTraces.Search(null, null, range, depth), hops::add);
        return hops.map(depth, range);
    }
}
