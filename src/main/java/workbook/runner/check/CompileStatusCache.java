package workbook.runner.check;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Supplier;

import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Progress;

/**
 * Whether each exercise compiles, remembered by the fingerprint of its files, so that
 * {@code ./workbook list} compiles only the exercises that changed since it last looked (compiling
 * all of them takes seconds; reading this file takes milliseconds).
 *
 * <p>It lives in {@code target/workbook/compile-status.properties}, with the build's other products,
 * never beside the student's files. The fingerprint also covers the class path the exercises compile
 * against, so a rebuilt runner (a changed testkit) counts as a change. A missing or unreadable cache
 * is simply empty: the worst it can cost is the compilation it saves.
 */
public final class CompileStatusCache {

    private final Path file;
    private final Properties statuses = new Properties();
    private final String classPathVersion;
    private boolean changed;

    private CompileStatusCache(Path file) {
        this.file = file;
        this.classPathVersion = classPathVersion();
    }

    public static CompileStatusCache in(Path root) {
        var cache = new CompileStatusCache(root.resolve("target").resolve("workbook").resolve("compile-status.properties"));
        if (Files.isRegularFile(cache.file)) {
            try (Reader reader = Files.newBufferedReader(cache.file, StandardCharsets.UTF_8)) {
                cache.statuses.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                cache.statuses.clear();
            }
        }
        return cache;
    }

    /** Whether {@code exercise} compiles as it stands, compiling it only when it changed (the checker is made only then). */
    public boolean compiles(Exercise exercise, Path root, Supplier<Checker> checker) {
        var key = Progress.fingerprint(exercise.sources(root)) + "/" + classPathVersion;
        var known = statuses.getProperty(exercise.name());
        if (known != null && known.startsWith(key + "=")) {
            return known.endsWith("=compiles");
        }
        boolean compiles = checker.get().compileErrors(exercise).isEmpty();
        statuses.setProperty(exercise.name(), key + "=" + (compiles ? "compiles" : "fails"));
        changed = true;
        return compiles;
    }

    /** Writes what was learnt, if anything; a cache that cannot be written is only a slower list next time. */
    public void save() {
        if (!changed) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            var temporary = Files.createTempFile(file.getParent(), "compile-status", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                statuses.store(writer, "whether each exercise compiles, by the fingerprint of its files; safe to delete");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            changed = false;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("note: could not write " + file + " (" + e.getMessage() + "); the next list compiles again.");
        }
    }

    /** The class path and the time each entry last changed: a rebuilt runner jar changes it. */
    private static String classPathVersion() {
        var version = new StringBuilder();
        for (var entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            var path = Path.of(entry);
            version.append(entry).append('@').append(path.toFile().lastModified()).append(';');
        }
        return Integer.toHexString(version.toString().hashCode());
    }
}
