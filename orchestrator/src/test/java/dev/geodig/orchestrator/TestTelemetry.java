package dev.geodig.orchestrator;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

/** An SDK whose metrics a test can read back, for the orchestrator's counters. */
public final class TestTelemetry {

    private final InMemoryMetricReader metricReader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
            .build();

    public OpenTelemetrySdk sdk() {
        return sdk;
    }

    /** The current value of a long counter for points whose {@code key} equals {@code value}; 0 if none. */
    public long counter(String metric, AttributeKey<String> key, String value) {
        long sum = 0;
        for (MetricData data : metricReader.collectAllMetrics()) {
            if (!data.getName().equals(metric)) {
                continue;
            }
            for (LongPointData point : data.getLongSumData().getPoints()) {
                if (value.equals(point.getAttributes().get(key))) {
                    sum += point.getValue();
                }
            }
        }
        return sum;
    }
}
