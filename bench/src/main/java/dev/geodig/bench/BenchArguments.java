package dev.geodig.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A benchmark's command line: {@code --quick} and {@code --name=value} settings, nothing else. */
public record BenchArguments(boolean quick, Map<String, String> settings) {

    /** @throws IllegalArgumentException on an argument of another form, or a setting not in {@code known} */
    public static BenchArguments parse(Set<String> known, String... args) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean quick = false;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument '" + arg + "' (expected --name=value or --quick)");
            }
            String name = arg.substring(2, eq);
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown setting --" + name);
            }
            settings.put(name, arg.substring(eq + 1));
        }
        return new BenchArguments(quick, Map.copyOf(settings));
    }

    /** {@code --name}'s value parsed, or {@code fallback} when it was not given. */
    public <T> T get(String name, Function<String, T> parse, T fallback) {
        String value = settings.get(name);
        return value == null ? fallback : parse.apply(value);
    }

    /** A comma-separated list of whole numbers, as {@code --concurrency=1,8,32}. */
    public static List<Integer> integers(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
