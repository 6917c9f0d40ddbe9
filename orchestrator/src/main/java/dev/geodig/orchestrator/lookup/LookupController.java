package dev.geodig.orchestrator.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequest;
import dev.geodig.contract.LookupRequestValidator;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/lookups}: the gateway's call. The body is validated again here although
 * the gateway already did: the orchestrator must not trust its callers to be the gateway.
 * Every status of the report (success, partial, timeout) is a 200; the body says which.
 */
@RestController
class LookupController {

    static final String PATH = "/internal/v1/lookups";

    private final LookupRequestValidator validator;
    private final LookupOrchestration orchestration;

    LookupController(LookupRequestValidator validator, LookupOrchestration orchestration) {
        this.validator = validator;
        this.orchestration = orchestration;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LookupReport lookup(@RequestBody LookupRequest request) {
        return orchestration.lookup(validator.validate(request));
    }
}
