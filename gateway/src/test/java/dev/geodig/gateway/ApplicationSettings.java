package dev.geodig.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The gateway's settings as Spring Boot binds them when it starts (its real {@code application.yml}, other
 * values on top), and the defaults {@code docs/configuration.md} gives for them.
 */
final class ApplicationSettings {

    /** A table row of one {@code geodig.*} setting whose default is one {@code `value`}. */
    private static final Pattern DOCUMENTED_DEFAULT = Pattern.compile("^\\| `(geodig\\.[a-z0-9.-]+)` \\|[^|]*\\| `([^`|]+)` \\|");

    private ApplicationSettings() {
    }

    /** The service's real {@code application.yml}, as property names and values. */
    static Map<String, Object> applicationYml() {
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
    static <T> T bind(Class<T> type, Map<String, Object> yml, Map<String, String> overrides) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("overrides", new HashMap<>(overrides)));
        sources.addLast(new MapPropertySource("application.yml", yml));
        String prefix = type.getAnnotation(ConfigurationProperties.class).value();
        return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate(prefix, type);
    }

    /** Setting name to default, from the tables of these sections of {@code docs/configuration.md}. */
    static Map<String, String> documentedDefaults(String... sections) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = List.of(sections).stream().anyMatch(section -> line.equals("## " + section));
            }
            Matcher row = DOCUMENTED_DEFAULT.matcher(line);
            if (inSection && row.find()) {
                defaults.put(row.group(1), row.group(2));
            }
        }
        return defaults;
    }
}
