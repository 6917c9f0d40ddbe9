package dev.geodig.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's settings as Spring Boot binds them when it starts (its real {@code application.yml}, other
 * values on top), and the defaults {@code docs/configuration.md} gives for them: what each service's
 * properties test compares. Run from a module's directory, as Maven runs tests.
 */
public final class ApplicationSettings {

    /**
     * A table row of one {@code geodig.*} setting whose default is one {@code `value`}; the fourth column is
     * the shared table's "read by".
     */
    private static final Pattern DOCUMENTED_DEFAULT =
            Pattern.compile("^\\| `(geodig\\.[a-z0-9.-]+)` \\|[^|]*\\| `([^`|]+)` \\|([^|]*)\\|");

    /** The section of the settings several services read; its rows say which in their "read by" column. */
    private static final String SHARED_SECTION = "## Settings several services read";

    private ApplicationSettings() {
    }

    /** The service's real {@code application.yml} (the one on the test's classpath), as property names and values. */
    public static Map<String, Object> applicationYml() {
        Map<String, Object> yml = new LinkedHashMap<>();
        try {
            List<PropertySource<?>> documents =
                    new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            for (PropertySource<?> document : documents) {
                // Values as written, without the origin (file, line) the loader wraps them in.
                ((MapPropertySource) document).getSource()
                        .forEach((name, value) -> yml.put(name, value instanceof OriginTrackedValue tracked ? tracked.getValue() : value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return yml;
    }

    /** The settings record {@code type}, bound from {@code yml} with {@code overrides} on top. */
    public static <T> T bind(Class<T> type, Map<String, Object> yml, Map<String, String> overrides) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("overrides", new HashMap<>(overrides)));
        sources.addLast(new MapPropertySource("application.yml", yml));
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(prefix, type);
    }

    /** Every settings record of a service, bound as {@link #bind} does, in the order given. */
    public static List<Object> bindAll(List<Class<?>> types, Map<String, Object> yml, Map<String, String> overrides) {
        return types.stream().<Object>map(type -> bind(type, yml, overrides)).toList();
    }

    /**
     * Setting name to default, as {@code docs/configuration.md} gives them for one service: the rows of its own
     * section ({@code ## dns-<service>}) and those of the shared section whose "read by" names it.
     *
     * @param service {@code gateway}, {@code orchestrator} or {@code worker}
     */
    public static Map<String, String> documentedDefaults(String service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        String section = "";
        for (String line : lines) {
            if (line.startsWith("## ")) {
                section = line;
            }
            Matcher row = DOCUMENTED_DEFAULT.matcher(line);
            if (!row.find()) {
                continue;
            }
            boolean own = section.startsWith("## dns-" + service);
            boolean shared = section.equals(SHARED_SECTION)
                    && Arrays.stream(row.group(3).split(",")).map(String::strip).anyMatch(service::equals);
            if (own || shared) {
                defaults.put(row.group(1), row.group(2));
            }
        }
        return defaults;
    }

    /** How a service starts: its settings records bound from an application.yml with overrides on top. */
    @FunctionalInterface
    public interface Start {
        Object with(Map<String, Object> yml, Map<String, String> overrides);
    }

    /**
     * The defaults {@code docs/configuration.md} gives for {@code service} that, set explicitly, start it otherwise
     * than leaving them unset does, each as {@code setting=value}: none when the docs are right.
     */
    public static List<String> documentedDefaultsThatDiffer(String service, Start start) {
        Map<String, Object> yml = applicationYml();
        Object unset = start.with(yml, Map.of());
        return documentedDefaults(service).entrySet().stream()
                .filter(e -> !start.with(yml, Map.of(e.getKey(), e.getValue())).equals(unset))
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList();
    }

    /** The {@code geodig.*} settings of the service's application.yml that only repeat their default: none, by rule. */
    public static List<String> ymlSettingsRepeatingTheirDefault(Start start) {
        Map<String, Object> yml = applicationYml();
        Object asIs = start.with(yml, Map.of());
        return yml.keySet().stream().filter(setting -> setting.startsWith("geodig.")).filter(setting -> {
            Map<String, Object> without = new HashMap<>(yml);
            without.remove(setting);
            return start.with(without, Map.of()).equals(asIs);
        }).toList();
    }
}
