package dev.geodig.boot.faults;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.InvalidFaultException;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.FeatureProvider;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.MutableStructure;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.Structure;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which injected fault acts on a lookup, asked of OpenFeature (the flagd provider) by the service about to act:
 * the worker per task, the orchestrator per lookup. The evaluation context is the lookup's trace id (the
 * targeting key, which a fault's rate buckets by) and the location; an evaluation that acts is recorded on the
 * current span ({@link FlagEvaluationEvents}), so the trace says which fault acted, and where.
 */
public final class InjectedFaults implements AutoCloseable {

    /** The OpenFeature domain of geodig's faults: its provider is apart from any other the application may set. */
    static final String DOMAIN = "geodig-faults";

    private static final Logger log = LoggerFactory.getLogger(InjectedFaults.class);
    private static final Value OFF = new Value(new MutableStructure());

    private final Client client;
    private final FeatureProvider provider;

    private InjectedFaults(Client client, FeatureProvider provider) {
        this.client = client;
        this.provider = provider;
    }

    /** No faults: every fault is off, nothing is evaluated. */
    public static InjectedFaults none() {
        return new InjectedFaults(null, null);
    }

    /**
     * Faults from {@code provider}, once it has read its flags. A provider that cannot (a missing flag file)
     * leaves every fault off, with a warning: a service never fails to start for want of faults to inject.
     */
    public static InjectedFaults from(FeatureProvider provider) {
        OpenFeatureAPI api = OpenFeatureAPI.getInstance();
        try {
            api.setProviderAndWait(DOMAIN, provider);
        } catch (OpenFeatureError e) {
            log.warn("injected faults are off: the flag provider did not start ({})", e.getMessage());
        }
        Client client = api.getClient(DOMAIN);
        client.addHooks(new FlagEvaluationEvents());
        return new InjectedFaults(client, provider);
    }

    /**
     * The setting of {@code fault} that acts on this lookup, in {@code location} ({@code null} for a fault without
     * one), if any; the evaluation is recorded on the current span when it acts.
     */
    public Optional<FaultSetting> acting(Fault fault, String location, String traceId) {
        if (client == null) {
            return Optional.empty();
        }
        ImmutableContext context = location == null ? new ImmutableContext(traceId)
                : new ImmutableContext(traceId, Map.of(FaultFlagFile.LOCATION_ATTRIBUTE, new Value(location)));
        FlagEvaluationDetails<Value> details = client.getObjectDetails(fault.key(), OFF, context);
        if (details.getErrorCode() != null || details.getVariant() == null || details.getVariant().equals(FaultFlagFile.OFF)
                || !details.getValue().isStructure()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting(fault, location, details.getValue().asStructure()));
        } catch (InvalidFaultException e) {
            log.warn("fault {} in {} ignored: {} {}", fault.key(), location, e.field(), e.getMessage());
            return Optional.empty();
        }
    }

    private static FaultSetting setting(Fault fault, String location, Structure value) {
        return new FaultSetting(fault, location, number(value, FaultFlagFile.RATE_PERCENT), number(value, FaultFlagFile.DELAY_MS),
                value.getValue(FaultFlagFile.RECORD_TYPE) == null ? null : value.getValue(FaultFlagFile.RECORD_TYPE).asString());
    }

    private static int number(Structure value, String key) {
        Value number = value.getValue(key);
        return number == null || !number.isNumber() ? 0 : number.asInteger();
    }

    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown();
        }
    }
}
