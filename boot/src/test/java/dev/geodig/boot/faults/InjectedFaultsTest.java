package dev.geodig.boot.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flag file as the gateway writes it, read by the real flagd provider in file mode, as a service reads it. */
class InjectedFaultsTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(7);

    @TempDir
    Path dir;

    private Path file;
    private InjectedFaults faults;

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("faults.flagd.json");
        write(List.of());
        faults = InjectedFaults.from(new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(file.toString()).offlinePollIntervalMs(100).build()));
    }

    @AfterEach
    void stop() {
        faults.close();
    }

    @Test
    void everyFaultIsOffInTheFileWithNoSettings() {
        for (Fault fault : Fault.values()) {
            assertThat(faults.acting(fault, fault.perLocation() ? "eu-west-1" : null, traceId())).as(fault.key()).isEmpty();
        }
    }

    @Test
    void aSettingActsInItsLocationOnlyWithItsParameter() throws IOException {
        set(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 800, null),
                new FaultSetting(Fault.DNS_SERVFAIL, "us-east-1", 100, 0, "aaaa"));
        await().atMost(Duration.ofSeconds(2)).until(() -> faults.acting(Fault.DNS_DELAY, "eu-west-1", traceId()).isPresent());
        assertThat(faults.acting(Fault.DNS_DELAY, "eu-west-1", traceId()))
                .hasValue(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 800, null));
        assertThat(faults.acting(Fault.DNS_DELAY, "us-east-1", traceId())).isEmpty();
        assertThat(faults.acting(Fault.DNS_SERVFAIL, "us-east-1", traceId()))
                .hasValue(new FaultSetting(Fault.DNS_SERVFAIL, "us-east-1", 100, 0, "AAAA"));
        assertThat(faults.acting(Fault.WORKER_DROP, "eu-west-1", traceId())).isEmpty();
    }

    @Test
    void aRateActsOnThatShareOfLookupsTheSameForEveryAskOfOneLookup() throws IOException {
        set(new FaultSetting(Fault.WORKER_DROP, "eu-west-1", 30, 0, null),
                new FaultSetting(Fault.ORCHESTRATOR_DELAY, null, 100, 50, null));
        await().atMost(Duration.ofSeconds(2)).until(() -> faults.acting(Fault.ORCHESTRATOR_DELAY, null, traceId()).isPresent());
        int acted = 0;
        for (int i = 0; i < 2000; i++) {
            String traceId = traceId();
            Optional<FaultSetting> first = faults.acting(Fault.WORKER_DROP, "eu-west-1", traceId);
            assertThat(faults.acting(Fault.WORKER_DROP, "eu-west-1", traceId)).isEqualTo(first);
            acted += first.isPresent() ? 1 : 0;
        }
        // Binomial(2000, 0.3): mean 600, standard deviation 20.5; 500..700 is beyond 4.8 deviations either way.
        assertThat(acted).isBetween(500, 700);
    }

    @Test
    void clearingTheFileTurnsTheFaultOffWithinTwoSeconds() throws IOException {
        set(new FaultSetting(Fault.WORKER_FAIL, "eu-west-1", 100, 0, null));
        await().atMost(Duration.ofSeconds(2)).until(() -> faults.acting(Fault.WORKER_FAIL, "eu-west-1", traceId()).isPresent());
        write(List.of());
        await().atMost(Duration.ofSeconds(2)).until(() -> faults.acting(Fault.WORKER_FAIL, "eu-west-1", traceId()).isEmpty());
    }

    @Test
    void anEvaluationThatActsIsAnEventOnTheCurrentSpanAndOneThatDoesNotIsNone() throws IOException {
        set(new FaultSetting(Fault.DNS_DELAY, "eu-west-1", 100, 800, null));
        await().atMost(Duration.ofSeconds(2)).until(() -> faults.acting(Fault.DNS_DELAY, "eu-west-1", traceId()).isPresent());
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Span span = tracing.get("test").spanBuilder("process_dns_task").startSpan();
            String traceId = span.getSpanContext().getTraceId();
            try (Scope ignored = span.makeCurrent()) {
                faults.acting(Fault.DNS_DELAY, "eu-west-1", traceId);
                faults.acting(Fault.WORKER_DROP, "eu-west-1", traceId);
            } finally {
                span.end();
            }
            List<EventData> events = exporter.getFinishedSpanItems().getFirst().getEvents();
            assertThat(events).hasSize(1);
            EventData event = events.getFirst();
            assertThat(event.getName()).isEqualTo("feature_flag.evaluation");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.key"))).isEqualTo("dns-delay");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.result.variant"))).isEqualTo("on-eu-west-1");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.result.value")))
                    .isEqualTo("{delay_ms=800, rate_percent=100}");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.context.id"))).isEqualTo(traceId);
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.provider.name"))).isNotBlank();
            assertThat(event.getAttributes().get(AttributeKey.stringKey("feature_flag.set.id"))).isEqualTo(FaultFlagFile.FLAG_SET_ID);
        }
    }

    private void set(FaultSetting... settings) throws IOException {
        write(List.of(settings));
    }

    /**
     * As the gateway writes it: a whole new file moved into place, so a reader never sees half of one, and
     * modified later than the one it replaces (the provider reloads only on a later modification time, and a
     * file system's clock may not have moved on between two quick writes).
     */
    private void write(List<FaultSetting> settings) throws IOException {
        Path next = dir.resolve("next.json");
        Files.writeString(next, FaultFlagFile.render(settings));
        if (Files.exists(file)) {
            FileTime before = Files.getLastModifiedTime(file);
            if (Files.getLastModifiedTime(next).toMillis() <= before.toMillis()) {
                Files.setLastModifiedTime(next, FileTime.fromMillis(before.toMillis() + 1));
            }
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String traceId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
