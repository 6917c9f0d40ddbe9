package dev.geodig.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/** Jaeger's HTTP query API (the one its UI uses), on the topology's query port. */
final class Jaeger {

    private final String baseUrl;

    Jaeger(GeodigTopology topology) {
        this.baseUrl = topology.jaegerQueryUrl();
    }

    /** The traces {@code /api/traces/<id>} returns for one trace id; empty while Jaeger has none. */
    List<JaegerTrace> traces(String traceId) {
        HttpJson.Reply reply = HttpJson.get(baseUrl + "/api/traces/" + traceId);
        if (reply.status() == 404) {
            return List.of();
        }
        if (reply.status() != 200) {
            throw new IllegalStateException("Jaeger answered " + reply.status() + " for trace " + traceId + ": " + reply.body());
        }
        return parse(reply.json());
    }

    /**
     * Polls {@code /api/traces/<id>} until {@code complete} holds for its one trace or the bound passes.
     *
     * @return the last trace seen (complete or not, so assertions can say what is missing), or empty
     *     when Jaeger never had the trace
     */
    Optional<JaegerTrace> awaitTrace(String traceId, Duration bound, Predicate<JaegerTrace> complete) {
        AtomicReference<JaegerTrace> last = new AtomicReference<>();
        try {
            await().atMost(bound).until(() -> {
                List<JaegerTrace> traces = traces(traceId);
                traces.stream().findFirst().filter(t -> traces.size() == 1).ifPresent(last::set);
                return last.get() != null && complete.test(last.get());
            });
        } catch (ConditionTimeoutException incomplete) {
            // The caller's assertions on the last trace seen say what is missing.
        }
        return Optional.ofNullable(last.get());
    }

    /** Traces of a service that started at or after {@code startMicros} (epoch µs), at most 100. */
    List<JaegerTrace> tracesSince(String service, long startMicros) {
        long nowMicros = System.currentTimeMillis() * 1000 + 60_000_000L; // a margin for spans still ending
        HttpJson.Reply reply = HttpJson.get(baseUrl + "/api/traces?service=" + service + "&start=" + startMicros
                + "&end=" + nowMicros + "&limit=100");
        if (reply.status() != 200) {
            throw new IllegalStateException("Jaeger search for " + service + " answered " + reply.status() + ": " + reply.body());
        }
        return parse(reply.json());
    }

    /** Per service that has any, its traces since {@code startMicros}, rendered for an assertion message. */
    Map<String, List<String>> renderedTracesSince(Collection<String> services, long startMicros) {
        Map<String, List<String>> traces = new TreeMap<>();
        for (String service : services) {
            List<JaegerTrace> found = tracesSince(service, startMicros);
            if (!found.isEmpty()) {
                traces.put(service, found.stream().map(JaegerTrace::render).toList());
            }
        }
        return traces;
    }

    private static List<JaegerTrace> parse(JsonNode answer) {
        List<JaegerTrace> traces = new ArrayList<>();
        for (JsonNode trace : answer.path("data")) {
            traces.add(JaegerTrace.parse(trace));
        }
        return traces;
    }
}
