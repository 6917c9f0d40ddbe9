package dev.geodig.gateway;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Generated queries of the trace search ({@code GET /api/v1/traces}) and the service map
 * ({@code GET /api/v1/service-map}): each parameter left out, valid, or wrong in one of the ways a client gets it
 * wrong, and sometimes a parameter neither takes. Each query knows which parameters are at fault, so its answer
 * is known: 200 when none is, else a 400 naming some of them and no other.
 */
final class TraceSearchQueries {

    /** One generated query and the parameters at fault in it (none: it must be answered 200). */
    record Query(String path, String rawQuery, Set<String> faults) {
        @Override
        public String toString() {
            return path + "?" + rawQuery + " (at fault: " + (faults.isEmpty() ? "none" : faults) + ")";
        }
    }

    private final RandomGenerator random;
    private final Instant now;

    TraceSearchQueries(RandomGenerator random, Instant now) {
        this.random = random;
        this.now = now;
    }

    Query search() {
        Draft draft = new Draft();
        maybe(() -> draft.add("service", pick(
                List.of("dns-gateway", "dns-orchestrator", "dns-worker-eu-west-1", "unknown_service:java", "x", ""),
                List.of(" dns-gateway", "-x", "a b", "a/b", "<script>", "é", "a".repeat(101)))));
        maybe(() -> draft.add("operation", pick(
                List.of("POST /api/v1/dns/lookup", "wait_for_results", "lookup ünïcode", "o".repeat(200)),
                List.of("o".repeat(201), "a\u0000b", "\u202eevil", "line\nbreak", "\u001b[2J"))));
        int tags = random.nextInt(20) == 0 ? 11 + random.nextInt(3) : random.nextInt(4);
        Set<String> keys = new LinkedHashSet<>();
        List<Value> tagValues = new ArrayList<>();
        for (int i = 0; i < tags; i++) {
            tagValues.add(tag(keys));
        }
        boolean tooMany = tagValues.stream().filter(tag -> !tag.text().isEmpty()).count() > 10;
        tagValues.forEach(tag -> draft.add("tag", tooMany ? new Value(tag.text(), tag.text().isEmpty()) : tag));
        maybe(() -> draft.add("lookup_status", pick(List.of("success", "partial", "timeout", "un_known"),
                List.of("PARTIAL", "a-b", "s".repeat(33), "1"))));
        Duration min = maybe() ? duration(draft, "min_duration") : null;
        Duration max = maybe() ? duration(draft, "max_duration") : null;
        if (min != null && max != null && max.compareTo(min) < 0) {
            draft.faults.add("max_duration");
        }
        timeRange(draft);
        maybe(() -> draft.add("limit", pick(List.of("1", "20", "200", "007"), List.of("0", "201", "-1", "x", "1.5", "9999999999"))));
        extras(draft, List.of("domain", "callback", "tags", "Service", "limit ", "q"));
        return draft.query("/api/v1/traces");
    }

    Query serviceMap() {
        Draft draft = new Draft();
        timeRange(draft);
        maybe(() -> draft.add("limit", pick(List.of("1", "500", "1000"), List.of("0", "1001", "-5", "all"))));
        extras(draft, List.of("service", "tag", "operation", "min_duration"));
        return draft.query("/api/v1/service-map");
    }

    /** A query being built: its parameters, encoded, and the names of those at fault. */
    private static final class Draft {
        final List<String> pairs = new ArrayList<>();
        final Set<String> faults = new LinkedHashSet<>();

        /** A parameter and its value, at fault or not. */
        void add(String name, Value value) {
            pairs.add(encode(name) + "=" + encode(value.text()));
            if (!value.valid()) {
                faults.add(name);
            }
        }

        Query query(String path) {
            if (faults.contains("start") || faults.contains("end") || faults.contains("lookback")) {
                // Which of the range's parameters a fault is named at is the gateway's decision; any of the three is right.
                faults.addAll(List.of("start", "end", "lookback"));
            }
            return new Query(path, String.join("&", pairs), Set.copyOf(faults));
        }
    }

    private record Value(String text, boolean valid) {
    }

    private Value tag(Set<String> keys) {
        List<String> keyChoices = List.of("dns.domain", "result.status", "worker.location", "geodig.task.expired", "a_b.c9");
        // A key given once more now and then, a fault; otherwise one not given yet, while there is one.
        List<String> fresh = keyChoices.stream().filter(choice -> !keys.contains(choice)).toList();
        String key = pick(random.nextInt(10) == 0 || fresh.isEmpty() ? keyChoices : fresh,
                List.of("", "DNS.domain", "dns domain", "k".repeat(65), "dns-domain")).text();
        boolean keyValid = key.matches("[a-z0-9_.]{1,64}");
        Value value = key.equals("error") ? pick(List.of("true", "false"), List.of("yes", "1")) : pick(
                List.of("www.geodig.test", "partial", "eu-west-1", "true", "v".repeat(256), "ünï côdé"),
                List.of("", "v".repeat(257), "a\tb", "\u200bhidden"));
        if (random.nextInt(8) == 0) {
            key = "error";
            keyValid = true;
            value = pick(List.of("true", "false"), List.of("yes", "1"));
        }
        boolean noEquals = random.nextInt(15) == 0;
        String text = noEquals ? key : key + "=" + value.text();
        boolean duplicate = keyValid && !noEquals && !keys.add(key);
        // An empty tag is a tag left out.
        return new Value(text, text.isEmpty() || keyValid && value.valid() && !noEquals && !duplicate);
    }

    private Duration duration(Draft draft, String name) {
        if (random.nextInt(8) == 0) {
            draft.add(name, new Value(pick(List.of("5", "-1s", "25h", "1d", "abc", "1 s", "1.5.5s", "ms")), false));
            return null;
        }
        long micros = random.nextLong(1, 24L * 3600 * 1_000_000);
        Duration duration = Duration.ofNanos(micros * 1000);
        String text = switch (random.nextInt(4)) {
            case 0 -> micros + "us";
            case 1 -> {
                duration = Duration.ofMillis(micros / 1000);
                yield (micros / 1000) + "ms";
            }
            case 2 -> BigDecimal.valueOf(micros, 6).toPlainString() + "s";
            default -> {
                duration = Duration.ofMinutes(micros / 60_000_000).plusSeconds(micros % 60_000_000 / 1_000_000);
                yield (micros / 60_000_000) + "m" + (micros % 60_000_000 / 1_000_000) + "s";
            }
        };
        draft.add(name, new Value(text, true));
        return duration;
    }

    private void timeRange(Draft draft) {
        Instant end = now.minus(random.nextLong(0, 48 * 60), ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        switch (random.nextInt(20)) {
            case 0, 1, 2, 3, 4 -> {
                // neither: the default lookback
            }
            case 5, 6, 7, 8, 9, 10, 11 -> draft.add("lookback", pick(List.of("5m", "15m", "1h", "6h", "24h", ""), List.of("2h", "1w", "60m", "1H", "-1h")));
            case 12, 13, 14, 15 -> {
                Instant start = end.minus(random.nextLong(1, 24 * 60), ChronoUnit.MINUTES);
                draft.add("start", new Value(start.toString(), true));
                draft.add("end", new Value(end.toString(), true));
            }
            case 16 -> {
                draft.add("start", new Value(pick(List.of("2026-13-01T00:00:00Z", "yesterday", "2026-01-01", "2026-01-01T00:00Z")), false));
                draft.add("end", new Value(end.toString(), true));
            }
            case 17 -> {
                // After end, more than a day before it, or in the future: the fault is named at end.
                Instant start = pick(List.of(end.plusSeconds(1), end, end.minus(25, ChronoUnit.HOURS)));
                draft.add("start", new Value(start.toString(), true));
                draft.add("end", new Value(end.toString(), false));
                draft.faults.add("start");
            }
            case 18 -> draft.add(pick(List.of("start", "end")), new Value(end.toString(), false));
            default -> {
                // Both a lookback and a custom range.
                draft.add("lookback", new Value("1h", false));
                draft.add("start", new Value(end.minusSeconds(60).toString(), true));
                draft.add("end", new Value(end.toString(), true));
            }
        }
    }

    private void extras(Draft draft, List<String> unknown) {
        if (random.nextInt(10) == 0) {
            draft.add(pick(unknown), new Value("x", false));
        }
        if (random.nextInt(8) == 0 && !draft.pairs.isEmpty()) {
            // A parameter given twice: a fault unless both are empty (a tag twice names its key twice).
            String pair = draft.pairs.get(random.nextInt(draft.pairs.size()));
            if (!pair.contains("=")) {
                return;
            }
            draft.pairs.add(pair);
            String name = pair.substring(0, pair.indexOf('='));
            boolean empty = pair.endsWith("=");
            if (!empty) {
                draft.faults.add(name);
            }
        }
        if (random.nextInt(10) == 0) {
            draft.pairs.add(random.nextBoolean() ? "" : "&");
        }
    }

    private boolean maybe() {
        return random.nextBoolean();
    }

    private void maybe(Runnable part) {
        if (maybe()) {
            part.run();
        }
    }

    /** A valid value seven times out of eight, else one at fault: a query holds many, and some must be all valid. */
    private Value pick(List<String> valid, List<String> invalid) {
        return random.nextInt(8) < 7 ? new Value(pick(valid), true) : new Value(pick(invalid), false);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
