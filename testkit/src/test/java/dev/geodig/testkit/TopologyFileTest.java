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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology file is read twice, by {@code ./geodig} (bash) and by {@link TopologyFile} (the tests): both
 * must take the same values from it and refuse the same mistakes. The launcher's {@code topology} command
 * prints what it read, in the file's own format.
 */
class TopologyFileTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String FOURTH_LOCATION =
            "location.sa-east-1.label=South America (Sao Paulo)\nlocation.sa-east-1.client-subnet=2001:db8:4::/56\n";
    /** Both families, the IPv6 one sent, and a location that sends no subnet at all. */
    private static final String DUAL_STACK_AND_SILENT = """
            location.dual.client-subnet=2001:db8:4::/56,192.0.2.0/24
            location.silent.client-subnet=198.51.100.0/24
            location.silent.ecs=off
            location.loud.ecs=on
            location.loud.client-subnet=203.0.113.0/24
            location.everyone.client-subnet=0.0.0.0/0,::ffff:c000:200/128
            """;

    @TempDir
    Path dir;

    @Test
    void everyLocationOfTheRepositorysTopologyHasItsOwnGeoAnswers() {
        TopologyFile topology = TopologyFile.ofRepository(REPO);
        GeoMap geo = GeoMap.ofRepository(REPO);

        assertThat(topology.locations()).isNotEmpty().allSatisfy(location -> {
            assertThat(geo.lists("www", location.sentSubnet())).as("geo.yaml net of %s", location).isTrue();
            assertThat(location.label()).as("label of %s", location).isNotBlank();
            assertThat(location.ecs()).as("ecs of %s", location).isTrue();
        });
        assertThat(topology.locations().stream().map(l -> geo.answers("www", "A", l.sentSubnet())).distinct())
                .as("each location its own answers").hasSize(topology.locations().size());
        assertThat(topology.port("gateway")).isEqualTo(topology.ports().get("gateway"));
        assertThat(topology.port("dns-resolver")).isNotEqualTo(topology.port("dns-authoritative"));
        assertThatThrownBy(() -> topology.port("no-such-port")).hasMessageContaining("no port.no-such-port");
    }

    @Test
    void aLocationAddedByOneEditComesLastWithItsSubnetAndLabel() throws IOException {
        TopologyFile four = TopologyFile.read(write(repositoryText() + FOURTH_LOCATION));

        assertThat(four.locationNames()).hasSize(TopologyFile.read(write(repositoryText())).locations().size() + 1).endsWith("sa-east-1");
        assertThat(four.location("sa-east-1"))
                .isEqualTo(new TopologyFile.Location("sa-east-1", "South America (Sao Paulo)", "2001:db8:4::/56", true))
                .isEqualTo(four.locations().getLast());
        assertThat(four.location("sa-east-1").sentSubnet()).isEqualTo("2001:db8:4::/56");
        assertThatThrownBy(() -> four.location("mars-north-1")).hasMessageContaining("no location mars-north-1");
    }

    @Test
    void theFirstPrefixIsTheOneSentAndEcsCanBeTurnedOff() throws IOException {
        TopologyFile topology = TopologyFile.read(write(repositoryText() + DUAL_STACK_AND_SILENT));

        assertThat(topology.location("dual"))
                .isEqualTo(new TopologyFile.Location("dual", null, "2001:db8:4::/56,192.0.2.0/24", true));
        assertThat(topology.location("dual").sentSubnet()).isEqualTo("2001:db8:4::/56");
        assertThat(topology.location("silent").ecs()).isFalse();
        assertThat(topology.location("loud").ecs()).isTrue();
        assertThat(topology.location("everyone").sentSubnet()).isEqualTo("0.0.0.0/0");
        assertThat(topology.locationNames()).endsWith("dual", "silent", "loud", "everyone");
    }

    @Test
    void theLauncherReadsTheSameValues() throws Exception {
        for (Path file : List.of(REPO.resolve(TopologyFile.IN_REPOSITORY), write(repositoryText() + FOURTH_LOCATION),
                write(repositoryText() + DUAL_STACK_AND_SILENT))) {
            TopologyFile ours = TopologyFile.read(file);
            TopologyFile launchers = TopologyFile.read(write(launcher(file, 0).output()));
            assertThat(launchers.ports()).as("ports of %s", file).isEqualTo(ours.ports());
            assertThat(launchers.locations()).as("locations of %s", file).isEqualTo(ours.locations());
        }
    }

    @Test
    void theLauncherShiftsEveryPortByTheOffsetButNoSubnet() throws Exception {
        Path file = REPO.resolve(TopologyFile.IN_REPOSITORY);
        TopologyFile base = TopologyFile.read(file);
        TopologyFile shifted = TopologyFile.read(write(launcher(file, 14000).output()));

        assertThat(shifted.ports()).isEqualTo(base.ports().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() + 14000)));
        assertThat(shifted.locations()).isEqualTo(base.locations());
    }

    @Test
    void bothReadBlankLinesCommentsCarriageReturnsAndTrailingBlanksAlike() throws Exception {
        Path file = write(repositoryText() + "\r\n   # indented comment\r\nlocation.sa-east-1.label=South America  \r\n"
                + "location.sa-east-1.client-subnet=2001:db8:4::/56\t\r\nlocation.sa-east-1.ecs=off \r\n");

        TopologyFile ours = TopologyFile.read(file);
        assertThat(ours.locations().getLast())
                .isEqualTo(new TopologyFile.Location("sa-east-1", "South America", "2001:db8:4::/56", false));
        assertThat(TopologyFile.read(write(launcher(file, 0).output())).locations()).isEqualTo(ours.locations());
    }

    /** A file's location lines (after the repository's ports) and what the refusal must say. */
    static Stream<Arguments> mistakes() {
        String subnet = "location.a.client-subnet=";
        String subnetRule = "location.a.client-subnet must be one IPv4 and/or one IPv6 address/prefix";
        String a = subnet + "192.0.2.0/24\n";
        return Stream.of(
                Arguments.of(a + subnet + "192.0.2.0/25", "repeats location.a.client-subnet"),
                Arguments.of("location.a.label=Alone", "location a has no location.a.client-subnet"),
                Arguments.of("location.a.ecs=off", "location a has no location.a.client-subnet"),
                Arguments.of("location.a.dns-port=5301", "location.a.dns-port is gone"),
                Arguments.of(a + "location.a.dns-port=5301", "location.a.dns-port is gone"),
                Arguments.of(subnet + "192.0.2.0", subnetRule),
                Arguments.of(subnet, subnetRule),
                Arguments.of(subnet + "192.0.2.0/33", subnetRule),
                Arguments.of(subnet + "192.0.2.0/033", subnetRule),
                Arguments.of(subnet + "192.0.02.0/24", subnetRule),
                Arguments.of(subnet + "2001:db8::12345/48", subnetRule),
                Arguments.of(subnet + "1:2:3:4:5:6:7/48", subnetRule),
                Arguments.of(subnet + "2001:db8::/129", subnetRule),
                Arguments.of(subnet + "256.0.2.0/24", subnetRule),
                Arguments.of(subnet + "192.0.2/24", subnetRule),
                Arguments.of(subnet + "2001:db8:::/48", subnetRule),
                Arguments.of(subnet + "example.com/24", subnetRule),
                Arguments.of(subnet + "192.0.2.0/24,", subnetRule),
                Arguments.of(subnet + "192.0.2.0/24, 2001:db8::/56", subnetRule),
                Arguments.of(subnet + "192.0.2.0/24,2001:db8::/56,10.0.0.0/8", subnetRule),
                Arguments.of(subnet + "192.0.2.0/24,198.51.100.0/24", "location.a.client-subnet has two IPv4 prefixes, at most one per family"),
                Arguments.of(subnet + "2001:db8::/56,2001:db8:1::/56", "location.a.client-subnet has two IPv6 prefixes, at most one per family"),
                Arguments.of(a + "location.a.ecs=yes", "location.a.ecs must be on or off, not 'yes'"),
                Arguments.of(a + "location.a.ecs=ON", "location.a.ecs must be on or off, not 'ON'"),
                Arguments.of(a + "location.a.label=x\"y", "location.a.label must be text without quotes"),
                Arguments.of(a + "location.a.label=x\\y", "location.a.label must be text without quotes"),
                Arguments.of(a + "location.a.label=", "location.a.label must be text without quotes"),
                Arguments.of(a + "port.extra=53x", "port.extra must be a port number"),
                Arguments.of(a + "port.extra=70000", "port.extra must be a port number"),
                Arguments.of(a + "port.extra=5300", "port 5300 is given twice"),
                Arguments.of(a + "zone=geodig.test", "unknown key zone"),
                Arguments.of(a + "location.a.resolver=127.0.0.1:53", "unknown key location.a.resolver"),
                Arguments.of("location.A.client-subnet=192.0.2.0/24", "is not KEY=VALUE"),
                Arguments.of(" " + subnet + "192.0.2.0/24", "is not KEY=VALUE"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("mistakes")
    void theJavaReaderRefuses(String lines, String problem) throws Exception {
        Path file = withRepositoryPorts(lines);

        assertThatThrownBy(() -> TopologyFile.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("mistakes")
    void theLauncherRefusesTheSame(String lines, String problem) throws Exception {
        LauncherRun run = launcher(withRepositoryPorts(lines), 0);
        assertThat(run.exitCode()).as("./geodig topology on %s: %s", lines, run.output()).isEqualTo(2);
        assertThat(run.output()).contains(problem);
    }

    private Path withRepositoryPorts(String lines) throws IOException {
        String ports = repositoryText().lines().filter(line -> line.startsWith("port.")).collect(Collectors.joining("\n"));
        return write(ports + "\n" + lines + "\n");
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
