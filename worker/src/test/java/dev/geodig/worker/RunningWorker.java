package dev.geodig.worker;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A real worker application in the test JVM (the Spring context, the consumer loop, everything), with
 * an OpenTelemetry SDK of its own whose spans and metrics stay in memory. Closing it shuts the worker down gracefully.
 */
final class RunningWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final InMemorySpanExporter spans;
    private final InMemoryMetricReader metrics;
    private final OpenTelemetrySdk sdk;

    private RunningWorker(ConfigurableApplicationContext context, InMemorySpanExporter spans, InMemoryMetricReader metrics,
            OpenTelemetrySdk sdk) {
        this.context = context;
        this.spans = spans;
        this.metrics = metrics;
        this.sdk = sdk;
    }

    /** @param settings property name to value; passed as command-line arguments so they beat application.yml */
    static RunningWorker start(Map<String, String> settings) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        InMemoryMetricReader metrics = InMemoryMetricReader.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
                .main(WorkerApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("testOpenTelemetry", OpenTelemetry.class, () -> sdk))
                .run(args.toArray(String[]::new));
        return new RunningWorker(context, spans, metrics, sdk);
    }

    List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    List<SpanData> spans(String name) {
        return spans().stream().filter(s -> s.getName().equals(name)).toList();
    }

    /** The sum of a long counter over all its points; 0 when nothing was counted yet. */
    long counter(String name) {
        long sum = 0;
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (metric.getName().equals(name)) {
                sum += metric.getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
            }
        }
        return sum;
    }

    /** How many values a histogram recorded over all its points; 0 when none. */
    long histogramCount(String name) {
        long count = 0;
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (metric.getName().equals(name)) {
                count += metric.getHistogramData().getPoints().stream().mapToLong(p -> p.getCount()).sum();
            }
        }
        return count;
    }

    @Override
    public void close() {
        context.close();
        sdk.close();
    }
}
