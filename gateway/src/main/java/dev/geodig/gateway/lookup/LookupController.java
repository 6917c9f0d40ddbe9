package dev.geodig.gateway.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.LookupRequestValidator;
import dev.geodig.gateway.GatewayProperties;
import dev.geodig.gateway.trace.CurrentTrace;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/dns/lookup}: reads and validates the request, has the orchestrator run it, and
 * answers with the report under the gateway's own trace id.
 *
 * <p>The body arrives as bytes (already bounded by the request size limit) and is read by
 * {@link LookupRequestReader}, so every way a body can be wrong becomes a 400 naming the field.
 */
@RestController
class LookupController {

    private final LookupRequestValidator validator;
    private final OrchestratorClient orchestrator;

    LookupController(GatewayProperties properties, OrchestratorClient orchestrator) {
        this.validator = new LookupRequestValidator(properties.locations());
        this.orchestrator = orchestrator;
    }

    @PostMapping(path = "/api/v1/dns/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
    LookupReport lookup(@RequestBody(required = false) byte[] body) {
        LookupRequest request = validator.validate(LookupRequestReader.read(body));
        LookupReport report = orchestrator.lookup(request);
        // The seed's correlation id is the trace id as this service sees it (its server span), not
        // whatever the orchestrator wrote. Without the agent there is no span: then null, not a guess.
        return new LookupReport(CurrentTrace.traceId().orElse(null), report.status(), report.domain(),
                report.recordTypes(), report.results(), report.durationMs());
    }
}
