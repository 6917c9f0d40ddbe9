package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code GEODIG_AOT_CACHE=on} the services, and by default the terminal client, start from the AOT caches {@code ./geodig build} trained
 * (docs/startup.md): each service JVM maps its module's cache, and the client's JVM says it uses the
 * classes its cache holds already linked. A cache that is stale, or refused because the agent changed the
 * boot class path, would leave a slower start and nothing else to see: this is where it shows.
 */
@Order(1)
@ExtendWith(RunningTopology.class)
class AotCacheTest {

    @Test
    void everyServiceJvmMapsItsModulesCache(GeodigTopology topology) throws IOException {
        for (String service : ServiceNames.all(topology.locations())) {
            String module = ServiceNames.locationOf(service).isPresent() ? "worker" : service.substring("dns-".length());
            Path cache = topology.repoRoot().resolve(module + "/target/aot/" + module + ".aot");
            long pid = topology.processes().pid(service);
            List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"));
            assertThat(maps).as("the memory map of %s (pid %d)", service, pid).anyMatch(line -> line.endsWith(" " + cache));
        }
    }

    @Test
    void theTerminalClientStartsFromItsCache(GeodigTopology topology, @TempDir Path logs) throws IOException {
        // The JVM's own account of its cache, one file per JVM the command starts (%p: its pid).
        GeodigCommand.ClientRun run = topology.command()
                .with(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:aot=info:file=" + logs.resolve("aot-%p.log")))
                .run(TerminalClientTest.COMMAND_BOUND, "lookup", DemoLookupTest.DEMO_NAME, "-t", "A");

        assertThat(run.exitCode()).as("%s", run).isZero();
        List<String> lines;
        try (Stream<Path> files = Files.list(logs)) {
            lines = files.flatMap(AotCacheTest::lines).toList();
        }
        assertThat(lines).as("the client JVM's -Xlog:aot").anyMatch(line -> line.contains("Using AOT-linked classes: true"));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
