package dev.geodig.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodig.gateway.HostileRequests.Case;
import dev.geodig.gateway.RawHttp.Reply;
import dev.geodig.testkit.LoopbackPorts;
import dev.geodig.testkit.PrometheusServer;
import dev.geodig.testkit.ScratchDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Properties of {@code GET /api/v1/metrics/services} and {@code /locations} over generated query strings,
 * sent byte for byte to the real gateway in front of a real (empty) Prometheus: the one parameter, given once
 * with one of its four values, is answered 200 with that range and its step; any other parameter, a range
 * given twice, or any other value is a 400 problem naming the parameter at fault; nothing is ever a 5xx or
 * late. The checks of every answer are {@link PublicApiPropertyTest}'s.
 *
 * <p>{@code -Dgeodig.properties.seed=<seed>} replays a run, {@code -Dgeodig.properties.tries=<n>} runs more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsApiPropertyTest {

    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final int TRIES = Integer.getInteger("geodig.properties.tries", 300);
    private static final long SEED = Long.getLong("geodig.properties.seed", System.nanoTime());
    private static final int SHOWN_FAILURES = 8;
    /** Tomcat's default {@code max-http-request-header-size}, which the gateway keeps. */
    private static final int MAX_HEAD_BYTES = 8192;
    /** Just under the limit, Tomcat's own bookkeeping may tip a head over: either answer is right there. */
    private static final int HEAD_MARGIN = 64;
    private static final List<String> RANGES = List.of("5m", "15m", "1h", "6h");
    private static final List<Long> STEPS = List.of(5L, 15L, 60L, 360L);
    /** Names near the real one, and names of what a PromQL API would take. */
    private static final List<String> OTHER_NAMES = List.of("Range", "RANGE", "range ", " range", "rang", "ranges", "range[]",
            "query", "step", "start", "end", "timeout", "service", "location", "_", "x");

    private static ScratchDirectory scratch;
    private static PrometheusServer prometheus;

    @DynamicPropertySource
    static void emptyPrometheus(DynamicPropertyRegistry registry) {
        scratch = ScratchDirectory.create("metrics-property");
        prometheus = PrometheusServer.start(scratch.path(), null);
        registry.add("geodig.gateway.prometheus-url", prometheus::url);
        registry.add("geodig.gateway.orchestrator-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
        registry.add("geodig.gateway.jaeger-query-url", () -> "http://127.0.0.1:" + LoopbackPorts.free());
    }

    @AfterAll
    static void stop() {
        prometheus.close();
        scratch.close();
    }

    @LocalServerPort
    int port;

    /** One generated parameter, decoded as the gateway reads it, and as sent. */
    private record Parameter(String name, String value, String encoded) {
    }

    @Test
    void anyQueryStringIsAnsweredAsItDeserves() {
        SplittableRandom random = new SplittableRandom(SEED);
        RawHttp http = new RawHttp(port, ANSWER_WITHIN);
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < TRIES; i++) {
            String endpoint = random.nextBoolean() ? "services" : "locations";
            List<Parameter> parameters = parameters(random);
            String query = parameters.isEmpty() ? "" : "?" + parameters.stream().map(Parameter::encoded).collect(Collectors.joining("&"));
            byte[] bytes = ("GET /api/v1/metrics/" + endpoint + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1);
            // Up to three long, percent-encoded values can outgrow the request head Tomcat reads: that is
            // a 414 naming the path, whatever the parameters are.
            Expectation expect = bytes.length > MAX_HEAD_BYTES ? Expectation.rejected("path")
                    : bytes.length > MAX_HEAD_BYTES - HEAD_MARGIN ? orTooLong(expectation(parameters))
                    : expectation(parameters);
            Case sent = new Case("metrics " + endpoint + " " + parameters, "GET", bytes, expect);
            Reply reply = http.exchange(bytes);
            List<String> wrong = new ArrayList<>(PublicApiPropertyTest.violations(sent, reply));
            if (wrong.isEmpty() && reply.status() == 200) {
                wrong.addAll(answerViolations(parameters, reply.json()));
            }
            if (!wrong.isEmpty()) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add("#" + i + " " + String.join("; ", wrong) + "\n--- sent: " + sent + "\n--- answered: " + reply);
                }
            }
        }
        assertThat(failures).as("%d of %d generated queries answered wrongly (seed %d, replay with -Dgeodig.properties.seed=%d)",
                failed, TRIES, SEED, SEED).isEmpty();
    }

    /** Zero to three parameters, mostly {@code range}, with valid and invalid values. */
    private static List<Parameter> parameters(SplittableRandom random) {
        List<Parameter> parameters = new ArrayList<>();
        int count = random.nextInt(10) < 3 ? 0 : 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(10) < 7 ? "range" : OTHER_NAMES.get(random.nextInt(OTHER_NAMES.size()));
            String value = value(random);
            parameters.add(new Parameter(name, value, encode(random, name) + "=" + encode(random, value)));
        }
        return parameters;
    }

    private static String value(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> RANGES.get(random.nextInt(RANGES.size()));
            case 3 -> random.nextInt(1, 100) + List.of("s", "m", "h", "d", "M", "").get(random.nextInt(6));
            case 4 -> "";
            case 5 -> RANGES.get(random.nextInt(RANGES.size())) + List.of(" ", "\t", ")", "\"", "} or vector(1)", "\u0000").get(random.nextInt(6));
            case 6 -> "x".repeat(random.nextInt(1, 2000)); // percent-encoded, three of them outgrow the 8 KiB request head
            default -> randomText(random);
        };
    }

    /** Printable and not: ASCII, Latin-1, CJK, an emoji, control characters. */
    private static String randomText(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(1, 20);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> random.nextInt(0, 0x20);
                case 2 -> random.nextInt(0xa0, 0x100);
                case 3 -> random.nextInt(0x4e00, 0x9fff);
                default -> 0x1f600;
            });
        }
        return text.toString();
    }

    /** Either form-encoding (spaces as {@code +}) or every byte percent-encoded: the gateway must decode both the same. */
    private static String encode(SplittableRandom random, String text) {
        if (random.nextBoolean()) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }

    private static Expectation orTooLong(Expectation expect) {
        Set<String> fields = new LinkedHashSet<>(expect.fields());
        fields.add("path");
        return new Expectation(expect.acceptedStatus(), true, fields, expect.anySuccess());
    }

    private static Expectation expectation(List<Parameter> parameters) {
        Set<String> unknown = parameters.stream().map(Parameter::name).filter(name -> !name.equals("range"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            return Expectation.rejected(unknown);
        }
        List<String> ranges = parameters.stream().map(Parameter::value).toList();
        if (ranges.size() > 1 || (ranges.size() == 1 && !RANGES.contains(ranges.getFirst()))) {
            return Expectation.rejected("range");
        }
        return Expectation.accepted(200);
    }

    /** A 200 carries the range asked (15m when none), its step, and 61 points in every series. */
    private static List<String> answerViolations(List<Parameter> parameters, JsonNode answer) {
        List<String> wrong = new ArrayList<>();
        String range = parameters.isEmpty() ? "15m" : parameters.getFirst().value();
        if (answer == null || !range.equals(answer.path("range").asString())) {
            wrong.add("an answer for range " + (answer == null ? null : answer.path("range")) + ", not " + range);
            return wrong;
        }
        long step = STEPS.get(RANGES.indexOf(range));
        if (answer.path("step_seconds").asLong() != step) {
            wrong.add("step " + answer.path("step_seconds") + ", not " + step);
        }
        for (JsonNode row : answer.path("locations")) {
            for (String series : List.of("stream_lag", "pending", "answered_rate", "timed_out_rate")) {
                if (row.path(series).size() != 61) {
                    wrong.add(series + " of " + row.path("location") + " has " + row.path(series).size() + " points, not 61");
                }
            }
        }
        return wrong;
    }
}
