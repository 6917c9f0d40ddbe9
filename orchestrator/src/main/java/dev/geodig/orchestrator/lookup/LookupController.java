package dev.geodig.orchestrator.lookup;

import dev.geodig.contract.LookupReport;
import dev.geodig.contract.LookupRequestReader;
import dev.geodig.orchestrator.results.ResultCollector;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/lookups}: the gateway's call; {@code GET /internal/v1/lookups/waiting}: how
 * many lookups are being gathered now (the soak samples it to see that nothing accumulates). The body is read and
 * checked again here, by the same {@link LookupRequestReader} as the gateway's, although the gateway already did:
 * the orchestrator must not trust its callers to be the gateway. Every status of the report (success, partial,
 * timeout) is a 200; the body says which.
 */
@RestController
class LookupController {

    static final String PATH = "/internal/v1/lookups";

    private final LookupRequestReader reader;
    private final LookupOrchestration orchestration;
    private final ResultCollector collector;

    LookupController(LookupRequestReader reader, LookupOrchestration orchestration, ResultCollector collector) {
        this.reader = reader;
        this.orchestration = orchestration;
        this.collector = collector;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LookupReport lookup(@RequestBody(required = false) byte[] body) {
        return orchestration.lookup(reader.read(body));
    }

    @GetMapping(path = PATH + "/waiting", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> waiting() {
        return Map.of("waiting", collector.waiting());
    }
}
