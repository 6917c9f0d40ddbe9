package dev.geodig.bench.lookups;

import dev.geodig.bench.Machine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The report's opening: the command, what ran, on what, and how to read the tables; the start-up benchmark's too. */
public final class RunHeader {

    private RunHeader() {
    }

    static String render(LookupsSettings settings, String argLine, long tookNanos, List<String> locations,
            String tracesCheck, String redisVersion, String priming) {
        var runtime = ManagementFactory.getRuntimeMXBean();
        return """
                # User-level benchmark: lookups through the gateway, traced, untraced and the floor

                Command: `./geodig bench%s` (run %s, took %d s). Settings: %s. Primed: %s.

                Load: %s, closed loop (each connection sends its next lookup when the last is answered), `POST \
                /api/v1/dns/lookup` with `{"domain":"www.geodig.test","locations":%s,"record_types":["A","AAAA","MX","TXT","NS"]}`; \
                a lookup counts as a success only if HTTP 200 with every `status` in the body `success`.

                Variants: **(a) traced**, the topology as `./geodig up` starts it (port offset %d); %s \
                (port offset %d); both with the gateway's rate limit off. **(c) floor**: \
                the Redis commands and DNS queries of one lookup from the benchmark's JVM, no service in between, on \
                its own Redis and (a)'s DNS servers. Check: %s.

                Services' JVM options: %s. Floor JVM: %s %s, `%s`. Machine: %s, Redis %s.

                CPU ms per lookup (= CPU seconds per 1000 lookups): each process's utime + stime (+ reaped children) \
                from `/proc/<pid>/stat`, its whole process group for a launcher program, over the round and its \
                settling, divided by the round's successful lookups. %s, (a)/(c) the \
                pipeline's overhead over the floor (for lookups/s a ratio below 1 is the slowdown).
                """.formatted(argLine.isBlank() ? "" : " " + argLine, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                tookNanos / 1_000_000_000L, settings.describe(), priming, wrkVersion(), quoted(locations),
                LookupsSettings.TRACED_OFFSET, settings.describeB(), LookupsSettings.UNTRACED_OFFSET, tracesCheck,
                servicesJavaOptions(), runtime.getVmName(), runtime.getVmVersion(), String.join(" ", runtime.getInputArguments()),
                machine(), redisVersion,
                settings.abMeaning());
    }

    /** The services that have traces in a topology's Jaeger: (a)'s five, (b)'s none, if the variants are what they claim. */
    static List<String> tracedServices(int jaegerQueryPort) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + jaegerQueryPort + "/api/services")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<String> services = new ArrayList<>();
            for (JsonNode service : JsonMapper.shared().readTree(response.body()).path("data")) {
                services.add(service.asString());
            }
            return services.stream().sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of("(Jaeger did not answer: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
    }

    /** {@code GEODIG_JAVA_OPTS} as the services get it, or that they run with the launcher's default. */
    public static String servicesJavaOptions() {
        String javaOpts = System.getenv("GEODIG_JAVA_OPTS");
        return javaOpts == null || javaOpts.isBlank() ? "the launcher's default" : "`" + javaOpts + "`";
    }

    /** The machine's CPUs and memory, e.g. {@code 2 CPUs, 7.8 GiB memory}. */
    public static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + Machine.memory() + " memory";
    }

    private static String quoted(List<String> locations) {
        return locations.stream().map(l -> "\"" + l + "\"").toList().toString().replace(" ", "");
    }

    /** wrk's version line, in backquotes. */
    public static String wrkVersion() {
        try {
            Process wrk = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String first = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("wrk");
            wrk.waitFor();
            return "`" + first.replaceAll(" Copyright.*", "") + "`";
        } catch (IOException e) {
            return "wrk";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }
}
