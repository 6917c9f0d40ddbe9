package dev.geodig.boot.faults;

import dev.geodig.contract.faults.FaultFlagFile;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.Hook;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.Value;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OpenFeature hook that records a flag evaluation on the active span as the OpenTelemetry semantic
 * conventions for feature flags have it: an event {@code feature_flag.evaluation} with {@code feature_flag.key},
 * {@code feature_flag.result.variant}, {@code .value}, {@code .reason}, {@code feature_flag.provider.name},
 * {@code feature_flag.set.id} and {@code feature_flag.context.id} (the lookup's trace id, the targeting key).
 *
 * <p>Only evaluations that change behaviour are recorded (a variant other than {@code off}): every task evaluates
 * the worker's faults, and an event per fault per task for faults that are off would fill every trace with noise.
 * The contrib OpenTelemetry hook records them all; this is the same convention, kept to what acted.
 */
final class FlagEvaluationEvents implements Hook<Value> {

    static final String EVENT = "feature_flag.evaluation";
    static final AttributeKey<String> KEY = AttributeKey.stringKey("feature_flag.key");
    static final AttributeKey<String> VARIANT = AttributeKey.stringKey("feature_flag.result.variant");
    static final AttributeKey<String> VALUE = AttributeKey.stringKey("feature_flag.result.value");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("feature_flag.result.reason");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("feature_flag.provider.name");
    static final AttributeKey<String> SET_ID = AttributeKey.stringKey("feature_flag.set.id");
    static final AttributeKey<String> CONTEXT_ID = AttributeKey.stringKey("feature_flag.context.id");

    @Override
    public void after(HookContext<Value> context, FlagEvaluationDetails<Value> details, Map<String, Object> hints) {
        String variant = details.getVariant();
        if (variant == null || variant.equals(FaultFlagFile.OFF)) {
            return;
        }
        AttributesBuilder attributes = Attributes.builder()
                .put(KEY, context.getFlagKey())
                .put(VARIANT, variant)
                .put(VALUE, text(details.getValue()))
                .put(SET_ID, FaultFlagFile.FLAG_SET_ID);
        if (details.getReason() != null) {
            attributes.put(REASON, details.getReason().toLowerCase(Locale.ROOT));
        }
        if (context.getProviderMetadata() != null) {
            attributes.put(PROVIDER, context.getProviderMetadata().getName());
        }
        if (context.getCtx().getTargetingKey() != null) {
            attributes.put(CONTEXT_ID, context.getCtx().getTargetingKey());
        }
        Span.current().addEvent(EVENT, attributes.build());
    }

    /** A fault's value as compact JSON-like text: {@code {delay_ms=800, rate_percent=50}}, keys sorted. */
    private static String text(Value value) {
        if (value == null || !value.isStructure()) {
            return String.valueOf(value == null ? null : value.asObject());
        }
        return value.asStructure().asObjectMap().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }
}
