package dev.geodig.worker;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
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
 * an OpenTelemetry SDK of its own whose spans stay in memory. Closing it shuts the worker down gracefully.
 */
final class RunningWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final InMemorySpanExporter spans;
    private final OpenTelemetrySdk sdk;

    private RunningWorker(ConfigurableApplicationContext context, InMemorySpanExporter spans, OpenTelemetrySdk sdk) {
        this.context = context;
        this.spans = spans;
        this.sdk = sdk;
    }

    /** @param settings property name to value; passed as command-line arguments so they beat application.yml */
    static RunningWorker start(Map<String, String> settings) {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
                .main(WorkerApplication.class)
                .bannerMode(Banner.Mode.OFF)
                .initializers(ctx -> ((GenericApplicationContext) ctx).getBeanFactory().registerSingleton("openTelemetry", sdk))
                .run(args.toArray(String[]::new));
        return new RunningWorker(context, spans, sdk);
    }

    List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    List<SpanData> spans(String name) {
        return spans().stream().filter(s -> s.getName().equals(name)).toList();
    }

    @Override
    public void close() {
        context.close();
        sdk.close();
    }
}
