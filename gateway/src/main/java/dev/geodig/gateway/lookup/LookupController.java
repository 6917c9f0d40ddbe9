package dev.geodig.gateway.lookup;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.LookupRequestReader;
import dev.geodig.gateway.limits.ClientRateLimit;
import dev.geodig.gateway.limits.LookupAdmission;
import dev.geodig.gateway.problem.BodyEncoding;
import dev.geodig.telemetry.CurrentTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/dns/lookup}: reads and validates the request, has the orchestrator run it, and
 * answers with the report under the gateway's own trace id.
 *
 * <p>The body arrives as bytes (already bounded by the request size limit) and is read by the
 * contract's {@link LookupRequestReader}, as the orchestrator reads it, so every way a body can be
 * wrong becomes a 400 naming the field.
 *
 * <p>In order: the client's rate limit (every lookup request counts, valid or not, so a flood of
 * junk is throttled like any other), how the body is encoded, the body itself, then a slot among the
 * lookups in flight, held only while the orchestrator works. The mapping's {@code consumes} and
 * {@code produces} are checked before any of it: a 415 or 406 costs the client nothing.
 */
@RestController
class LookupController {

    private static final Logger log = LoggerFactory.getLogger(LookupController.class);

    private final LookupRequestReader reader;
    private final OrchestratorClient orchestrator;
    private final ClientRateLimit rateLimit;
    private final LookupAdmission admission;

    LookupController(LocationsProperties locations, OrchestratorClient orchestrator, ClientRateLimit rateLimit,
            LookupAdmission admission) {
        this.reader = new LookupRequestReader(locations.locations());
        this.orchestrator = orchestrator;
        this.rateLimit = rateLimit;
        this.admission = admission;
    }

    @PostMapping(path = "/api/v1/dns/lookup", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LookupReport lookup(@RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers,
            HttpServletRequest http, HttpServletResponse response) {
        rateLimit.consume(http, response);
        BodyEncoding.check(headers);
        LookupRequest request = reader.read(body);
        LookupReport report;
        try (LookupAdmission.Slot slot = admission.admit()) {
            report = orchestrator.lookup(request);
        }
        // One line per lookup; the [trace_id,span_id] prefix leads from it to the trace.
        log.info("lookup {} {} at {}: {} ({})", request.domain(), request.recordTypes(), request.locations(),
                report.status().wireName(), statusByLocation(report.results()));
        // The design's correlation id is the trace id as this service sees it (its server span), not
        // whatever the orchestrator wrote. Without the agent there is no span: then null, not a guess.
        return new LookupReport(CurrentTrace.traceId().orElse(null), report.status(), report.domain(),
                report.recordTypes(), report.results(), report.durationMs(), report.agreement());
    }

    private static String statusByLocation(Map<String, LookupReport.LocationReport> results) {
        return results.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().status().wireName())
                .collect(Collectors.joining(", "));
    }
}
