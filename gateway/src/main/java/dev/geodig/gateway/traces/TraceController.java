package dev.geodig.gateway.traces;

import dev.geodig.contract.TraceView;
import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.problem.ProblemException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/traces/{trace_id}}: one lookup's trace, laid out as a waterfall for the page and
 * the terminal client. 400 for anything but a trace id, 404 while Jaeger has no span of it, 503 when
 * Jaeger cannot be reached.
 */
@RestController
class TraceController {

    private final JaegerTraces jaeger;
    private final URI jaegerUiUrl;

    TraceController(JaegerTraces jaeger, GatewayProperties properties) {
        this.jaeger = jaeger;
        this.jaegerUiUrl = properties.jaegerUiUrl();
    }

    @GetMapping(path = "/api/v1/traces/{traceId}", produces = MediaType.APPLICATION_JSON_VALUE)
    TraceView trace(@PathVariable String traceId) {
        TraceId id = TraceId.parse(traceId);
        return jaeger.find(id)
                .map(resourceSpans -> TraceLayout.of(id, resourceSpans, jaegerUiLink(id)))
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                        "Jaeger has no trace " + id.hex() + " (yet: spans arrive a second or two after a lookup).",
                        List.of(), null));
    }

    /** The trace in the configured Jaeger UI ({@code <ui>/trace/<id>}), or {@code null} without one. */
    private String jaegerUiLink(TraceId id) {
        if (jaegerUiUrl == null) {
            return null;
        }
        String base = jaegerUiUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "trace/" + id.hex();
    }
}
