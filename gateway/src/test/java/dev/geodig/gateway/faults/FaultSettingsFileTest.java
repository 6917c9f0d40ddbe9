package dev.geodig.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.geodig.contract.faults.Fault;
import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.gateway.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/** The flag file as the gateway reads and writes it, on a real file system. */
class FaultSettingsFileTest {

    @TempDir
    Path directory;

    private static FaultChange.Put worker(String location) {
        return new FaultChange.Put(new FaultSetting(Fault.WORKER_FAIL, location, 100, 0, null));
    }

    @Test
    void changesAtOnceAreNeverLost() throws Exception {
        Path path = directory.resolve("faults.flagd.json");
        FaultSettingsFile file = new FaultSettingsFile(path);
        int writers = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                String location = "location-" + i;
                done.add(threads.submit(() -> {
                    start.await();
                    return file.change(worker(location));
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        }

        assertThat(FaultFlagFile.read(Files.readString(path))).hasSize(writers);
        assertThat(file.settings()).hasSize(writers);
        try (var left = Files.list(directory)) {
            assertThat(left).containsExactly(path);
        }
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneIsReadableByAll() throws IOException {
        Path path = directory.resolve("faults.flagd.json");
        FaultSettingsFile file = new FaultSettingsFile(path);

        file.change(worker("eu-west-1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-rw----"));
        file.change(worker("us-east-1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-rw----");
    }

    @Test
    void aFileInADirectoryThatIsNotThereCannotBeWritten() {
        FaultSettingsFile file = new FaultSettingsFile(directory.resolve("gone").resolve("faults.flagd.json"));

        assertThat(file.settings()).isEmpty();
        assertThatThrownBy(() -> file.change(worker("eu-west-1"))).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Test
    void clearingNeedsNoReadableFile() throws IOException {
        Path path = directory.resolve("faults.flagd.json");
        Files.writeString(path, "{ not json");
        FaultSettingsFile file = new FaultSettingsFile(path);

        assertThatThrownBy(file::settings).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> file.change(worker("eu-west-1"))).isInstanceOf(ProblemException.class);
        assertThat(file.change(new FaultChange.ClearAll())).isEmpty();
        assertThat(file.settings()).isEmpty();
    }
}
