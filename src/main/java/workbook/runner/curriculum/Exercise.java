package workbook.runner.curriculum;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One exercise: a folder under {@code exercises/} that is one Java package, holding the stub the
 * student edits, its tests ({@code *Test.java}) and its task text ({@code TASK.md}). Its reference
 * solution has the same file names under {@code solutions/}.
 *
 * @param name   the folder and package name, for example {@code l02a_lost_update}
 * @param lesson the lesson number it belongs to, for example {@code 02}
 * @param title  one line saying what the student builds
 * @param hints  hints from gentle to explicit, shown one level at a time
 */
public record Exercise(String name, String lesson, String title, List<String> hints) {

    public Path folder(Path root) {
        return root.resolve("exercises").resolve(name);
    }

    public Path solutionFolder(Path root) {
        return root.resolve("solutions").resolve(name);
    }

    /** The Java files of the exercise as they stand now, sorted by name. */
    public List<Path> sources(Path root) {
        return javaFilesIn(folder(root));
    }

    public static boolean isTest(Path file) {
        return file.getFileName().toString().endsWith("Test.java");
    }

    public static List<Path> javaFilesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
