package dev.geodig.worker;

import dev.geodig.testkit.ApplicationSettings;
import java.util.HashMap;
import java.util.Map;

/** A worker's own settings as it starts with them, for tests of what follows from them. */
final class WorkerSettings {

    private WorkerSettings() {
    }

    /**
     * A worker's settings as it starts with these {@code geodig.worker.*} ones ({@code "dns-timeout", "3s", ...}) and
     * the defaults for the rest; its location and resolvers, which have none, are {@code us-east-1} and
     * {@code 127.0.0.1:5301} unless given.
     */
    static WorkerProperties worker(String... settings) {
        Map<String, String> given = new HashMap<>(Map.of("geodig.worker.location", "us-east-1", "geodig.worker.resolvers", "127.0.0.1:5301"));
        for (int i = 0; i < settings.length; i += 2) {
            given.put("geodig.worker." + settings[i], settings[i + 1]);
        }
        return ApplicationSettings.bind(WorkerProperties.class, ApplicationSettings.applicationYml(), given);
    }
}
