package dev.geodig.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Least privilege on Redis, as {@code ./geodig up} sets it up: no client gets anywhere without signing
 * in, and each service's user can do what its role needs and nothing else. Checked with redis-cli as
 * an operator would, with the passwords the launcher generated into the state directory.
 */
@Order(3)
@ExtendWith(RunningTopology.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisUsersTest {

    private GeodigTopology topology;

    @BeforeAll
    void connect(GeodigTopology topology) {
        this.topology = topology;
    }

    @Test
    void aClientThatDoesNotSignInCanDoNothing() {
        assertThat(redisCli(null, "PING")).startsWith("NOAUTH");
        assertThat(redisCli(null, "XRANGE", "dns:tasks", "-", "+")).startsWith("NOAUTH");
    }

    @Test
    void everyServiceSignsInAsItsOwnUser() {
        for (String user : List.of("gateway", "orchestrator", "worker")) {
            assertThat(redisCli(user, "PING")).as(user).isEqualTo("PONG");
        }
    }

    @Test
    void aWorkerCannotAddTasks() {
        assertThat(redisCli("worker", "XADD", "dns:tasks", "*", "payload", "{}")).startsWith("NOPERM");
    }

    @Test
    void theGatewayCannotReadAnyStream() {
        assertThat(redisCli("gateway", "XREAD", "COUNT", "1", "STREAMS", "dns:results", "0")).startsWith("NOPERM");
        assertThat(redisCli("gateway", "XRANGE", "dns:tasks", "-", "+")).startsWith("NOPERM");
        assertThat(redisCli("gateway", "KEYS", "*")).startsWith("NOPERM");
    }

    @Test
    void theOrchestratorCannotAddResultsNorTouchTheWorkersGroups() {
        assertThat(redisCli("orchestrator", "XADD", "dns:results", "*", "payload", "{}")).startsWith("NOPERM");
        // Any location's group will do: the first one's.
        String group = "workers-" + Gateway.LOCATIONS.getFirst();
        assertThat(redisCli("orchestrator", "XREADGROUP", "GROUP", group, "intruder", "COUNT", "1",
                "STREAMS", "dns:tasks", ">")).startsWith("NOPERM");
    }

    @Test
    void theOrchestratorReadsTheTaskGroupsBacklogAndNothingMoreOfThem() {
        // Its metrics: each location's group's lag and pending entries on dns:tasks.
        assertThat(redisCli("orchestrator", "XINFO", "GROUPS", "dns:tasks")).contains("workers-" + Gateway.LOCATIONS.getFirst());
        // Not the stream's entries, not a group's consumers, not another stream's groups.
        assertThat(redisCli("orchestrator", "XINFO", "STREAM", "dns:tasks")).startsWith("NOPERM");
        assertThat(redisCli("orchestrator", "XINFO", "CONSUMERS", "dns:tasks", "workers-" + Gateway.LOCATIONS.getFirst()))
                .startsWith("NOPERM");
        assertThat(redisCli("orchestrator", "XINFO", "GROUPS", "dns:tasks:dead-letter")).startsWith("NOPERM");
        assertThat(redisCli("worker", "XINFO", "GROUPS", "dns:tasks")).startsWith("NOPERM");
    }

    @Test
    void thePasswordsAreTheOwnersAloneAndInNoLog() throws IOException {
        Path users = topology.stateDir().resolve("redis-users");
        for (String user : List.of("admin", "gateway", "orchestrator", "worker")) {
            Path file = users.resolve(user);
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            String password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(24);
            try (Stream<Path> logs = Files.walk(topology.stateDir().resolve("logs"))) {
                for (Path log : logs.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(log, StandardCharsets.ISO_8859_1)).as("%s's password in %s", user, log)
                            .doesNotContain(password);
                }
            }
        }
    }

    /** What redis-cli prints for one command, signed in as {@code user} (none when null). */
    private String redisCli(String user, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1",
                "-p", Integer.toString(topology.port("redis"))));
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
        if (user != null) {
            args.addAll(List.of("--user", user));
            // By environment, as the launcher does: a password on a command line is visible to every user.
            builder.environment().put("REDISCLI_AUTH", password(user));
        }
        args.addAll(List.of(command));
        try {
            Process process = builder.command(args).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("redis-cli did not finish: " + args);
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String password(String user) {
        try {
            return Files.readString(topology.stateDir().resolve("redis-users").resolve(user)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
