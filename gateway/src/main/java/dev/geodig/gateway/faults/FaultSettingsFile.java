package dev.geodig.gateway.faults;

import dev.geodig.contract.faults.FaultFlagFile;
import dev.geodig.contract.faults.FaultSetting;
import dev.geodig.contract.faults.InvalidFaultException;
import dev.geodig.gateway.problem.ProblemException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The flag file on disk ({@code geodig.gateway.faults.flag-file}): its settings, read again only when the file
 * changed, and changes written so that the services' flagd provider, which polls the file's modification time,
 * sees every one of them whole: the new text goes to a temporary file in the same directory, which replaces the
 * file in one atomic rename, with a modification time strictly later (in milliseconds) than the file it replaces.
 * The provider reloads only on a later time, and two changes within one millisecond would otherwise look like one.
 *
 * <p>Writers take turns (one lock), so two changes at once never lose one. A missing file holds no settings. A file
 * that cannot be read or holds no valid settings (a hand edit gone wrong) is a 503, naming no path: the log says which
 * file and why. Clearing every fault does not read the file, so it also mends a broken one.
 */
final class FaultSettingsFile {

    private static final Logger log = LoggerFactory.getLogger(FaultSettingsFile.class);
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rw-r--r--");

    private final Path file;
    private final ReentrantLock writers = new ReentrantLock();
    private volatile Snapshot cached;

    /** The settings as read from a version of the file, known by its time, size and identity (a rename makes a new one). */
    private record Snapshot(FileTime modified, long size, Object fileKey, List<FaultSetting> settings) {

        boolean of(BasicFileAttributes attributes) {
            return modified.equals(attributes.lastModifiedTime()) && size == attributes.size()
                    && Objects.equals(fileKey, attributes.fileKey());
        }
    }

    FaultSettingsFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The settings in the file now; none when there is no file. */
    List<FaultSetting> settings() {
        try {
            return read();
        } catch (IOException e) {
            throw unusable("read", e);
        }
    }

    /**
     * Applies {@code change} to the file's settings and writes the result, one writer at a time.
     *
     * @return the settings written
     */
    List<FaultSetting> change(FaultChange change) {
        writers.lock();
        try {
            List<FaultSetting> current;
            try {
                current = change instanceof FaultChange.ClearAll ? List.of() : read();
            } catch (IOException e) {
                throw unusable("read", e);
            }
            List<FaultSetting> next = List.copyOf(change.applyTo(current));
            try {
                write(next);
            } catch (IOException e) {
                throw unusable("write", e);
            }
            return next;
        } finally {
            writers.unlock();
        }
    }

    private List<FaultSetting> read() throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException none) {
            return List.of();
        }
        Snapshot known = cached;
        if (known != null && known.of(attributes)) {
            return known.settings();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<FaultSetting> settings;
        try {
            // An empty file (touched, not yet written) holds no settings, as a missing one does.
            settings = text.isBlank() ? List.of() : FaultFlagFile.read(text);
        } catch (InvalidFaultException e) {
            log.warn("the flag file {} holds no valid fault settings: {}: {}", file, e.field(), e.getMessage());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The gateway's flag file holds no valid fault settings"
                    + " (a hand edit?); DELETE /api/v1/faults writes it afresh, and the gateway's log says what is wrong.",
                    List.of(), e);
        }
        cached = new Snapshot(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(), settings);
        return settings;
    }

    private void write(List<FaultSetting> settings) throws IOException {
        ByteBuffer text = StandardCharsets.UTF_8.encode(FaultFlagFile.render(settings));
        BasicFileAttributes old = null;
        try {
            old = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException none) {
            // a first write: nothing to come after
        }
        // In the same directory, so the rename below stays on one file system and can be atomic.
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (text.hasRemaining()) {
                    channel.write(text);
                }
                // On disk before the rename: after a crash the file is the old one or the new one, never empty.
                channel.force(true);
            }
            permitAsBefore(old != null, temporary);
            if (old != null) {
                modifiedAfter(old.lastModifiedTime(), temporary);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
        BasicFileAttributes written = Files.readAttributes(file, BasicFileAttributes.class);
        cached = new Snapshot(written.lastModifiedTime(), written.size(), written.fileKey(), settings);
    }

    /**
     * The temporary file with the permissions the flag file had (a temporary file is its owner's alone), or readable by
     * all for a first file: the services that read it may run as another user (a container).
     */
    private void permitAsBefore(boolean existed, Path temporary) throws IOException {
        try {
            Files.setPosixFilePermissions(temporary, existed ? Files.getPosixFilePermissions(file) : READABLE_BY_ALL);
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions: the defaults it gives are all there is.
        }
    }

    /** Gives {@code temporary} a modification time after {@code old} in milliseconds, if the clock did not. */
    private static void modifiedAfter(FileTime old, Path temporary) throws IOException {
        long oldMillis = old.toMillis();
        if (Files.getLastModifiedTime(temporary).toMillis() > oldMillis) {
            return;
        }
        Files.setLastModifiedTime(temporary, FileTime.fromMillis(oldMillis + 1));
        if (Files.getLastModifiedTime(temporary).toMillis() <= oldMillis) {
            // A file system that keeps whole seconds (FAT, some network mounts) drops the millisecond: a second then.
            Files.setLastModifiedTime(temporary, FileTime.fromMillis(oldMillis + 1000));
        }
    }

    private ProblemException unusable(String verb, IOException e) {
        log.warn("cannot {} the flag file {}: {}", verb, file, e.toString());
        // The path stays in the log: whoever reads the API need not learn the gateway's file system.
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "The gateway cannot " + verb
                + " its flag file (geodig.gateway.faults.flag-file); its log says why.", List.of(), e);
    }
}
