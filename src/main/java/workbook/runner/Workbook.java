package workbook.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The workbook as the commands see it: where it lives, its exercises in order, the student's
 * progress, and the checker, built once and kept warm.
 */
public final class Workbook {

    private final Path root;
    private final Curriculum curriculum;
    private Checker checker;

    public Workbook(Path root, Curriculum curriculum) {
        this.root = root;
        this.curriculum = curriculum;
    }

    /**
     * The workbook the launcher points at with {@code -Dworkbook.home}, or else the nearest folder
     * at or above the working directory that has {@code exercises/} beside a {@code pom.xml}.
     */
    public static Workbook locate() {
        var home = System.getProperty("workbook.home");
        var start = Path.of(home != null ? home : "").toAbsolutePath().normalize();
        for (var folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("exercises")) && Files.exists(folder.resolve("pom.xml"))) {
                return new Workbook(folder, Curriculum.load());
            }
        }
        throw new IllegalStateException("Cannot find the workbook: no folder at or above " + start
                + " has exercises/ and pom.xml. Run ./workbook from the workbook's folder.");
    }

    public Path root() {
        return root;
    }

    public List<Exercise> exercises() {
        return curriculum.exercises();
    }

    public Optional<Exercise> find(String name) {
        return curriculum.find(name);
    }

    public List<String> nearestNames(String typed) {
        return Suggestions.nearest(typed, curriculum.names());
    }

    public Progress progress() {
        return Progress.load(root);
    }

    /** The first exercise not yet done, or empty when every one is. */
    public Optional<Exercise> current(Progress progress) {
        return exercises().stream().filter(e -> !progress.isDone(e, root)).findFirst();
    }

    public Checker checker() {
        if (checker == null) {
            checker = new Checker(root);
        }
        return checker;
    }

    /** Where to find the lesson text of {@code exercise}. */
    public Optional<Path> lessonFile(String lesson) {
        try (var files = Files.list(root.resolve("lessons"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(lesson + "-")
                    && f.getFileName().toString().endsWith(".md")).findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
