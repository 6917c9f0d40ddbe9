package dev.geodig.bench;

import dev.geodig.contract.Streams;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one Redis' own counters: commands by name ({@code INFO commandstats}), its CPU time, memory,
 * clients, and the consumer groups on {@code dns:results}. Its own commands ({@code INFO},
 * {@code XINFO}) are left out of the command counts by name, so probing does not count as load.
 */
final class RedisProbe implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    RedisProbe(String url) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(5));
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    /** A point-in-time reading of the counters that only grow. */
    record Counters(Map<String, Long> callsByCommand, double cpuSeconds) {

        /** Calls per command since {@code before}, without the probe's own commands. */
        Map<String, Long> callsSince(Counters before) {
            Map<String, Long> delta = new HashMap<>();
            callsByCommand.forEach((command, calls) -> {
                if (isProbeCommand(command)) {
                    return;
                }
                long d = calls - before.callsByCommand.getOrDefault(command, 0L);
                if (d > 0) {
                    delta.put(command, d);
                }
            });
            return delta;
        }

        static boolean isProbeCommand(String command) {
            return command.equals("info") || command.startsWith("xinfo");
        }
    }

    Counters counters() {
        Map<String, Long> calls = new HashMap<>();
        for (String line : info("commandstats").split("\r?\n")) {
            // cmdstat_xgroup|create:calls=12,usec=...
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            int colon = line.indexOf(':');
            String command = line.substring("cmdstat_".length(), colon);
            calls.put(command, Long.parseLong(field(line.substring(colon + 1), "calls")));
        }
        Map<String, String> cpu = fields(info("cpu"));
        return new Counters(calls, Double.parseDouble(cpu.get("used_cpu_user")) + Double.parseDouble(cpu.get("used_cpu_sys")));
    }

    long usedMemory() {
        return Long.parseLong(fields(info("memory")).get("used_memory"));
    }

    int connectedClients() {
        return Integer.parseInt(fields(info("clients")).get("connected_clients"));
    }

    String version() {
        return fields(info("server")).get("redis_version");
    }

    /** Consumer groups on {@code dns:results} (the workers' groups are on {@code dns:tasks}). */
    int resultGroups() {
        try {
            return connection.sync().xinfoGroups(Streams.RESULTS).size();
        } catch (RedisCommandExecutionException noStreamYet) {
            return 0;
        }
    }

    private String info(String section) {
        return connection.sync().info(section);
    }

    static Map<String, String> fields(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** {@code value} of {@code name} in {@code a=1,b=2}. */
    static String field(String commaList, String name) {
        for (String pair : commaList.split(",")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + commaList);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
