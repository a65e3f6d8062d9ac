package workbook.runner;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What the student has done, kept in one small file at the project root ({@code .workbook-progress},
 * ignored by git): which exercises passed, and how many hint levels each has shown.
 *
 * <p>An exercise counts as done only while its files are exactly as they were when it passed: the
 * file records a fingerprint of them. Edit a finished exercise and it is pending again until it is
 * checked again, so the list never claims something that no longer holds.
 *
 * <p>The file is a convenience, never the student's work: a missing one starts empty, a corrupt one
 * is set aside with a warning and rebuilt.
 */
public final class Progress {

    static final String FILE_NAME = ".workbook-progress";

    private final Path file;
    private final Properties entries;

    private Progress(Path file, Properties entries) {
        this.file = file;
        this.entries = entries;
    }

    public static Progress load(Path root) {
        var file = root.resolve(FILE_NAME);
        var entries = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                entries.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("warning: " + FILE_NAME + " could not be read (" + e.getMessage()
                        + "); starting a new one. Your exercises are untouched; check them again to mark them done.");
                entries.clear();
            }
        }
        return new Progress(file, entries);
    }

    public boolean isDone(Exercise exercise, Path root) {
        return fingerprint(exercise.sources(root)).equals(entries.getProperty("done." + exercise.name()));
    }

    public void markDone(Exercise exercise, Path root) {
        entries.setProperty("done." + exercise.name(), fingerprint(exercise.sources(root)));
        save();
    }

    public void markNotDone(Exercise exercise) {
        if (entries.remove("done." + exercise.name()) != null) {
            save();
        }
    }

    public int hintsShown(Exercise exercise) {
        try {
            return Integer.parseInt(entries.getProperty("hints." + exercise.name(), "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void setHintsShown(Exercise exercise, int levels) {
        entries.setProperty("hints." + exercise.name(), Integer.toString(levels));
        save();
    }

    private void save() {
        try {
            var temporary = file.resolveSibling(FILE_NAME + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                entries.store(writer, "Java concurrency workbook: your progress. Safe to delete; nothing else is kept here.");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save " + file, e);
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
