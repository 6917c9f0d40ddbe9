package dev.geodig.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The topology file is read twice, by {@code ./geodig} (bash) and by {@link TopologyFile} (the tests): both
 * must take the same values from it and refuse the same mistakes. The launcher's {@code topology} command
 * prints what it read, in the file's own format.
 */
class TopologyFileTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String FOURTH_LOCATION = "location.sa-east-1.dns-port=5304\nlocation.sa-east-1.label=South America (Sao Paulo)\n";

    @TempDir
    Path dir;

    @Test
    void everyLocationOfTheRepositorysTopologyHasItsZoneFile() {
        TopologyFile topology = TopologyFile.ofRepository(REPO);

        assertThat(topology.locations()).isNotEmpty().allSatisfy(location -> {
            assertThat(REPO.resolve("deploy/dns/" + location.name() + ".zone")).as("zone of %s", location).isRegularFile();
            assertThat(location.label()).as("label of %s", location).isNotBlank();
        });
        assertThat(topology.port("gateway")).isEqualTo(topology.ports().get("gateway"));
        assertThatThrownBy(() -> topology.port("no-such-port")).hasMessageContaining("no port.no-such-port");
    }

    @Test
    void aLocationAddedByOneEditComesLastWithItsPortAndLabel() throws IOException {
        TopologyFile four = TopologyFile.read(write(repositoryText() + FOURTH_LOCATION));

        assertThat(four.locationNames()).hasSize(TopologyFile.read(write(repositoryText())).locations().size() + 1).endsWith("sa-east-1");
        assertThat(four.location("sa-east-1")).isEqualTo(new TopologyFile.Location("sa-east-1", 5304, "South America (Sao Paulo)"))
                .isEqualTo(four.locations().getLast());
        assertThatThrownBy(() -> four.location("mars-north-1")).hasMessageContaining("no location mars-north-1");
    }

    @Test
    void theLauncherReadsTheSameValues() throws Exception {
        for (Path file : List.of(REPO.resolve(TopologyFile.IN_REPOSITORY), write(repositoryText() + FOURTH_LOCATION))) {
            TopologyFile ours = TopologyFile.read(file);
            TopologyFile launchers = TopologyFile.read(write(launcher(file, 0).output()));
            assertThat(launchers.ports()).as("ports of %s", file).isEqualTo(ours.ports());
            assertThat(launchers.locations()).as("locations of %s", file).isEqualTo(ours.locations());
        }
    }

    @Test
    void theLauncherShiftsEveryPortByTheOffset() throws Exception {
        Path file = REPO.resolve(TopologyFile.IN_REPOSITORY);
        TopologyFile base = TopologyFile.read(file);
        TopologyFile shifted = TopologyFile.read(write(launcher(file, 14000).output()));

        assertThat(shifted.ports()).isEqualTo(base.ports().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + 14000)));
        assertThat(shifted.locations().stream().map(TopologyFile.Location::dnsPort))
                .containsExactlyElementsOf(base.locations().stream().map(l -> l.dnsPort() + 14000).toList());
    }

    @Test
    void bothReadBlankLinesCommentsCarriageReturnsAndTrailingBlanksAlike() throws Exception {
        Path file = write(repositoryText() + "\r\n   # indented comment\r\nlocation.sa-east-1.label=South America  \r\n"
                + "location.sa-east-1.dns-port=05304\t\r\n");

        TopologyFile ours = TopologyFile.read(file);
        assertThat(ours.locations().getLast()).isEqualTo(new TopologyFile.Location("sa-east-1", 5304, "South America"));
        assertThat(TopologyFile.read(write(launcher(file, 0).output())).locations()).isEqualTo(ours.locations());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "location.a.dns-port=5399\\nlocation.a.dns-port=5398 | repeats location.a.dns-port",
        "location.a.dns-port=53x                             | location.a.dns-port must be a port number",
        "location.a.dns-port=70000                           | location.a.dns-port must be a port number",
        "location.a.label=Alone                              | location a has no location.a.dns-port",
        "location.a.dns-port=5399\\nlocation.b.dns-port=5399 | port 5399 is given twice",
        "location.A.dns-port=5399                            | is not KEY=VALUE",
        "location.a.dns-port=5399\\nlocation.a.label=x\"y     | location.a.label must be text without quotes",
        "location.a.dns-port=5399\\nlocation.a.label=x\\\\y   | location.a.label must be text without quotes",
        "location.a.dns-port=5399\\nlocation.a.label=        | location.a.label must be text without quotes",
        "location.a.dns-port=5399\\nzone=geodig.test          | unknown key zone",
        "` location.a.dns-port=5399`                         | is not KEY=VALUE",
    })
    void bothRefuseTheSameMistakes(String lines, String problem) throws Exception {
        String ports = repositoryText().lines().filter(line -> line.startsWith("port.")).collect(Collectors.joining("\n"));
        Path file = write(ports + "\n" + lines.replace("\\n", "\n").replace("\\\\", "\\").stripTrailing() + "\n");

        assertThatThrownBy(() -> TopologyFile.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
        LauncherRun run = launcher(file, 0);
        assertThat(run.exitCode()).as("./geodig topology on %s: %s", lines, run.output()).isEqualTo(2);
        assertThat(run.output()).contains(problem);
    }

    @Test
    void bothRefuseAFileWithoutLocations() throws Exception {
        Path file = write(repositoryText().lines().filter(line -> !line.startsWith("location.")).collect(Collectors.joining("\n")));

        assertThatThrownBy(() -> TopologyFile.read(file)).hasMessageContaining("no location");
        assertThat(launcher(file, 0).output()).contains("no location");
    }

    /** The repository's file without sa-east-1, which these tests add themselves (the repository's may list it already). */
    private static String repositoryText() throws IOException {
        return Files.readString(REPO.resolve(TopologyFile.IN_REPOSITORY)).lines()
                .filter(line -> !line.startsWith("location.sa-east-1."))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "topology", ".env"), text);
    }

    private record LauncherRun(int exitCode, String output) {
    }

    /** {@code ./geodig topology} on the file, in a state directory of its own; its output and exit code. */
    private LauncherRun launcher(Path file, int offset) throws Exception {
        Path output = dir.resolve("launcher.out");
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("geodig").toString(), "topology")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("GEODIG_TOPOLOGY", file.toString());
        builder.environment().put("GEODIG_PORT_OFFSET", Integer.toString(offset));
        builder.environment().put("GEODIG_STATE_DIR", dir.resolve("state").toString());
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./geodig topology did not finish within 30 s");
        }
        return new LauncherRun(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
