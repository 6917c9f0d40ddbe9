package dev.geodig.gateway.traces;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a trace search can ask for: {@code GET /api/v1/services} (every service Jaeger has spans of) and
 * {@code GET /api/v1/services/{service}/operations} (the span names of one, with their kinds), from Jaeger's
 * API v3. Neither takes a query parameter.
 */
@RestController
class ServicesController {

    private final JaegerTraces jaeger;

    ServicesController(JaegerTraces jaeger) {
        this.jaeger = jaeger;
    }

    /** @param services sorted */
    record ServiceList(@JsonProperty("services") List<String> services) {
    }

    /** @param operations sorted by name, then kind */
    record OperationList(@JsonProperty("service") String service, @JsonProperty("operations") List<Operation> operations) {
    }

    /** @param spanKind {@code SERVER}, {@code CLIENT}, ... as OpenTelemetry names them; {@code UNSPECIFIED} when Jaeger has none */
    record Operation(@JsonProperty("name") String name, @JsonProperty("span_kind") String spanKind) {
    }

    @GetMapping(path = "/api/v1/services", produces = MediaType.APPLICATION_JSON_VALUE)
    ServiceList services(HttpServletRequest request) {
        QueryParameters.parse(request.getQueryString(), Set.of()).throwIfInvalid("The services take no parameters.");
        return new ServiceList(jaeger.services().stream().sorted().toList());
    }

    @GetMapping(path = "/api/v1/services/{service}/operations", produces = MediaType.APPLICATION_JSON_VALUE)
    OperationList operations(@PathVariable String service, HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.parse(request.getQueryString(), Set.of());
        String fault = ServiceName.fault(service);
        if (fault != null) {
            parameters.reject(ServiceName.FIELD, fault);
        }
        parameters.throwIfInvalid("The service's operations cannot be listed.");
        List<Operation> operations = jaeger.operations(service).stream()
                .map(operation -> new Operation(operation.name(), operation.spanKind().isEmpty() ? "UNSPECIFIED"
                        : operation.spanKind().toUpperCase(Locale.ROOT)))
                .distinct()
                .sorted(Comparator.comparing(Operation::name).thenComparing(Operation::spanKind))
                .toList();
        return new OperationList(service, operations);
    }
}
