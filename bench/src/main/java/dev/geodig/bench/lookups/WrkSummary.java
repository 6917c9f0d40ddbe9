package dev.geodig.bench.lookups;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code bench/wrk/lookup.lua} prints from wrk's {@code done()}: one line
 * {@code geodig-bench-wrk duration_us=... requests=... success=... ...}, read back here. wrk's
 * latencies are in microseconds; it leaves requests that timed out out of them.
 */
record WrkSummary(long durationMicros, long requests, long successes, long failures, long connectErrors, long readErrors,
        long writeErrors, long timeouts, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {

    static final String LINE_PREFIX = "geodig-bench-wrk ";

    /** The {@code times} builtin's second line: CPU of the shell's children (wrk), user then system. */
    private static final Pattern CHILD_TIMES = Pattern.compile("(?m)^\\d+m[\\d.]+s \\d+m[\\d.]+s\\R(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s$");

    static WrkSummary parse(String output) {
        String line = output.lines().filter(l -> l.startsWith(LINE_PREFIX)).reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalArgumentException("no '" + LINE_PREFIX.strip() + "' line in wrk's output:\n" + output));
        Map<String, Long> values = new HashMap<>();
        for (String pair : line.substring(LINE_PREFIX.length()).strip().split(" ")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new WrkSummary(get(values, "duration_us"), get(values, "requests"), get(values, "success"), get(values, "failure"),
                get(values, "connect_errors"), get(values, "read_errors"), get(values, "write_errors"), get(values, "timeouts"),
                get(values, "p50_us"), get(values, "p90_us"), get(values, "p99_us"), get(values, "max_us"));
    }

    /** CPU milliseconds of the children of the shell that ran wrk, from its {@code times} output; NaN without one. */
    static double childCpuMillis(String output) {
        Matcher m = CHILD_TIMES.matcher(output);
        double ms = Double.NaN;
        while (m.find()) {
            ms = (Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                    + Long.parseLong(m.group(3)) * 60 + Double.parseDouble(m.group(4))) * 1000;
        }
        return ms;
    }

    /** Answers that were not a success, and requests that got no answer at all. */
    long nonSuccess() {
        return failures + connectErrors + readErrors + writeErrors + timeouts;
    }

    RoundLoad toRound(double loadGeneratorCpuMs) {
        return new RoundLoad(successes, nonSuccess(), durationMicros * 1000, p50Micros / 1000.0, p99Micros / 1000.0, loadGeneratorCpuMs);
    }

    private static long get(Map<String, Long> values, String key) {
        Long value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("wrk's summary has no " + key + ": " + values);
        }
        return value;
    }
}
