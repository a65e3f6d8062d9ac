package workbook.runner;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * What the student has done, kept in one small file at the project root ({@code .workbook-progress},
 * ignored by git): which exercises passed, and how many hint levels each has shown.
 *
 * <p>An exercise counts as done only while its files are exactly as they were when it passed: the
 * file records a fingerprint of them. Edit a finished exercise and it is pending again until it is
 * checked again, so the list never claims something that no longer holds.
 *
 * <p>Several processes share the file: watch mode in one terminal, {@code ./workbook check} in
 * another. So nothing is kept in memory across a change: every read sees the file as it is now
 * (re-read when it was replaced), and every change re-reads the file, applies itself and writes the
 * result back, all under a lock on {@code .workbook-progress.lock} ({@link FileChannel#lock}, which
 * other processes respect), writing a temporary file and renaming it over the old one so that a
 * reader never sees half a file. A change made elsewhere is merged, never overwritten.
 *
 * <p>The file is a convenience, never the student's work: a missing one starts empty, a corrupt one
 * is replaced with a warning on the next change.
 */
public final class Progress {

    static final String FILE_NAME = ".workbook-progress";

    /** {@link FileChannel#lock} excludes other processes only; the threads of this JVM queue here. */
    private static final ReentrantLock THIS_PROCESS = new ReentrantLock();

    private final Path file;
    private final Path lockFile;
    private Properties entries = new Properties();
    private Object readVersion;

    private Progress(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(FILE_NAME + ".lock");
    }

    public static Progress load(Path root) {
        var progress = new Progress(root.resolve(FILE_NAME));
        progress.current();
        return progress;
    }

    public boolean isDone(Exercise exercise, Path root) {
        var recorded = current().getProperty("done." + exercise.name());
        return recorded != null && fingerprint(exercise.sources(root)).equals(recorded);
    }

    public void markDone(Exercise exercise, Path root) {
        var fingerprint = fingerprint(exercise.sources(root));
        update(entries -> entries.setProperty("done." + exercise.name(), fingerprint));
    }

    public void markNotDone(Exercise exercise) {
        if (current().containsKey("done." + exercise.name())) {
            update(entries -> entries.remove("done." + exercise.name()));
        }
    }

    public int hintsShown(Exercise exercise) {
        try {
            return Integer.parseInt(current().getProperty("hints." + exercise.name(), "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void setHintsShown(Exercise exercise, int levels) {
        update(entries -> entries.setProperty("hints." + exercise.name(), Integer.toString(levels)));
    }

    /**
     * Something that changes whenever the file is replaced, by this process or another: watch mode
     * compares it to redraw when a check in another terminal recorded something.
     */
    public synchronized Object version() {
        return versionOnDisk();
    }

    /** The entries as the file holds them now, read again only when the file was replaced. */
    private synchronized Properties current() {
        var version = versionOnDisk();
        if (!Objects.equals(version, readVersion)) {
            entries = read(true);
            readVersion = version;
        }
        return entries;
    }

    /** Re-reads the file, applies {@code change} and writes the result, holding the lock throughout. */
    private synchronized void update(Consumer<Properties> change) {
        THIS_PROCESS.lock();
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            var fresh = read(false);
            change.accept(fresh);
            write(fresh);
            entries = fresh;
            readVersion = versionOnDisk();
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + file, e);
        } finally {
            THIS_PROCESS.unlock();
        }
    }

    private Properties read(boolean warn) {
        var read = new Properties();
        try {
            var text = Files.readString(file, StandardCharsets.UTF_8);
            try (Reader reader = new StringReader(text)) {
                read.load(reader);
            }
        } catch (NoSuchFileException e) {
            return read;
        } catch (IOException | IllegalArgumentException e) {
            if (warn) {
                System.err.println("warning: " + FILE_NAME + " could not be read (" + e.getMessage()
                        + "); starting a new one. Your exercises are untouched; check them again to mark them done.");
            }
            read.clear();
        }
        return read;
    }

    private void write(Properties entries) throws IOException {
        var temporary = file.resolveSibling(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            entries.store(writer, "Java concurrency workbook: your progress. Safe to delete; nothing else is kept here.");
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file's identity, time and size: a rename over it changes the identity, an edit the rest. */
    private Object versionOnDisk() {
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(Objects.toString(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A digest of the files' names and contents: equal exactly when nothing in them changed. */
    static String fingerprint(List<Path> sources) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var source : sources) {
                digest.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(source));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
