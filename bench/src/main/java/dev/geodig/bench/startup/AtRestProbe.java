package dev.geodig.bench.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Lookups at rest: one at a time, on a fixed schedule, so that each meets an idle topology (no queue, no
 * other lookup's work) and its latency is the path's own. The request is wrk's ({@code bench/wrk/lookup.lua})
 * and so is what counts as a success.
 */
final class AtRestProbe {

    /** As wrk's: well past the orchestrator's result deadline (5 s). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]*)\"");

    private final URI lookupUri;
    private final String body;

    AtRestProbe(int gatewayPort, List<String> locations) {
        this.lookupUri = URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/dns/lookup");
        this.body = "{\"domain\":\"www.geodig.test\",\"locations\":["
                + locations.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(","))
                + "],\"record_types\":[\"A\",\"AAAA\",\"MX\",\"TXT\",\"NS\"]}";
    }

    /**
     * {@code count} lookups, the i-th sent at i × {@code interval} from the first (at once when the one before took
     * longer): bounded by {@code count} × ({@code interval} + the request timeout).
     */
    AtRestLatency run(int count, Duration interval) throws InterruptedException {
        long[] micros = new long[count];
        int succeeded = 0;
        int failed = 0;
        // HTTP/1.1 with keep-alive, as wrk's connections: no h2c upgrade on the first request.
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = start + i * interval.toNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long sent = System.nanoTime();
                boolean ok = lookup(http);
                long tookMicros = (System.nanoTime() - sent) / 1000;
                if (ok) {
                    micros[succeeded++] = tookMicros;
                } else {
                    failed++;
                }
            }
        }
        return AtRestLatency.of(Arrays.copyOf(micros, succeeded), failed);
    }

    private boolean lookup(HttpClient http) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(lookupUri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return succeeded(response.statusCode(), response.body());
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@code bench/wrk/lookup.lua}: HTTP 200 and at least one {@code "status"} in the body, each {@code success}. */
    static boolean succeeded(int status, String body) {
        if (status != 200 || body == null) {
            return false;
        }
        Matcher m = STATUS.matcher(body);
        boolean seen = false;
        while (m.find()) {
            if (!m.group(1).equals("success")) {
                return false;
            }
            seen = true;
        }
        return seen;
    }
}
