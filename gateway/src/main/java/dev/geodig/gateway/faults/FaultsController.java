package dev.geodig.gateway.faults;

import dev.geodig.boot.LocationsProperties;
import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.FaultsView;
import dev.geodig.gateway.problem.BodyEncoding;
import dev.geodig.gateway.traces.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The injected faults as the services read them from the flag file, and changes to it (docs/messages.md):
 * {@code GET /api/v1/faults} (always readable), {@code PUT /api/v1/faults/{fault}} (a setting, or at rate 0 its
 * removal), {@code DELETE /api/v1/faults/{fault}[?location=]} and {@code DELETE /api/v1/faults} (every fault off).
 * Every answer is the {@link FaultsView} after it.
 *
 * <p>A change is checked in this order: whether this client may change anything ({@link FaultChangeGuard}: 403, 401),
 * then what it asks ({@link FaultChangeReader}: 404, 400), then the file is written ({@link FaultSettingsFile}: 503
 * when it cannot be). Each accepted change is logged at INFO with its client and what it did.
 */
@RestController
class FaultsController {

    private static final Logger log = LoggerFactory.getLogger(FaultsController.class);
    private static final Set<String> NO_PARAMETERS = Set.of();
    private static final Set<String> LOCATION_PARAMETER = Set.of(FaultChangeReader.LOCATION);

    private final String control;
    private final List<String> locations;
    private final FaultSettingsFile file;
    private final FaultChangeGuard guard;
    private final FaultChangeReader reader;

    FaultsController(GatewayFaultsProperties properties, LocationsProperties locations) {
        this.control = properties.control();
        this.locations = locations.locations();
        this.file = properties.flagFile() == null ? null : new FaultSettingsFile(properties.flagFile());
        this.guard = new FaultChangeGuard(properties);
        this.reader = new FaultChangeReader(this.locations);
    }

    @GetMapping(path = "/api/v1/faults", produces = MediaType.APPLICATION_JSON_VALUE)
    FaultsView faults() {
        return view(file == null ? List.of() : file.settings());
    }

    @PutMapping(path = "/api/v1/faults/{fault}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    FaultsView set(@PathVariable String fault, @RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers,
            HttpServletRequest request) {
        FaultChangeGuard.Admission admission = admit(request);
        Fault which = FaultChangeReader.fault(fault);
        noParametersBut(NO_PARAMETERS, request).throwIfInvalid("A fault's setting takes no query parameter.");
        BodyEncoding.check(headers);
        return change(reader.put(which, body), admission, request);
    }

    @DeleteMapping(path = "/api/v1/faults/{fault}", produces = MediaType.APPLICATION_JSON_VALUE)
    FaultsView remove(@PathVariable String fault, HttpServletRequest request) {
        FaultChangeGuard.Admission admission = admit(request);
        Fault which = FaultChangeReader.fault(fault);
        QueryParameters parameters = noParametersBut(LOCATION_PARAMETER, request);
        String location = parameters.single(FaultChangeReader.LOCATION).orElse(null);
        parameters.throwIfInvalid("A fault's removal takes at most one parameter, location.");
        return change(reader.remove(which, location), admission, request);
    }

    @DeleteMapping(path = "/api/v1/faults", produces = MediaType.APPLICATION_JSON_VALUE)
    FaultsView clear(HttpServletRequest request) {
        FaultChangeGuard.Admission admission = admit(request);
        noParametersBut(NO_PARAMETERS, request).throwIfInvalid("Clearing the faults takes no query parameter.");
        return change(new FaultChange.ClearAll(), admission, request);
    }

    private FaultChangeGuard.Admission admit(HttpServletRequest request) {
        return guard.admit(FaultChangeGuard.client(request.getRemoteAddr()), request.getHeader(HttpHeaders.HOST),
                request.getHeader(HttpHeaders.AUTHORIZATION));
    }

    private static QueryParameters noParametersBut(Set<String> known, HttpServletRequest request) {
        return QueryParameters.parse(request.getQueryString(), known);
    }

    /** Writes the change; only an admitted client gets here, and the guard admits none while there is no file. */
    private FaultsView change(FaultChange change, FaultChangeGuard.Admission admission, HttpServletRequest request) {
        List<FaultSetting> written = file.change(change);
        log.info("faults changed by {}{}: {}", request.getRemoteAddr(), admission == FaultChangeGuard.Admission.TOKEN ? " (token)" : "",
                change.describe());
        return view(written);
    }

    private FaultsView view(List<FaultSetting> settings) {
        return FaultsView.of(control, locations, settings);
    }
}
