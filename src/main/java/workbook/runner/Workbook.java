package workbook.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import workbook.runner.check.Checker;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Lesson;
import workbook.runner.curriculum.Progress;
import workbook.runner.report.Style;
import workbook.runner.report.Suggestions;

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

    /**
     * The exercise called {@code name}, or the one exercise whose name starts with it
     * ({@code l05a}); otherwise an {@link UnknownName} that lists what it could have meant.
     */
    public Exercise exercise(String name) {
        var exact = find(name);
        if (exact.isPresent()) {
            return exact.get();
        }
        var candidates = startingWith(name);
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        if (candidates.size() > 1) {
            throw new UnknownName("\"" + name + "\" is the beginning of " + candidates.size() + " exercises: "
                    + candidates.stream().map(Exercise::name).collect(Collectors.joining(", "))
                    + ". Type enough of the name to pick one, for example " + shortestUniquePrefix(candidates.getFirst()) + ".");
        }
        var nearest = nearestNames(name);
        throw new UnknownName("There is no exercise called \"" + name + "\"."
                + (nearest.isEmpty() ? "" : " Did you mean " + String.join(" or ", nearest) + "?")
                + "\nSee every exercise, in order, with: ./workbook list");
    }

    private String shortestUniquePrefix(Exercise exercise) {
        var name = exercise.name();
        for (int length = 1; length < name.length(); length++) {
            if (startingWith(name.substring(0, length)).size() == 1) {
                return name.substring(0, length);
            }
        }
        return name;
    }

    /** The exercises whose name starts with {@code prefix}, in order ({@code l05} gives both of lesson 05). */
    public List<Exercise> startingWith(String prefix) {
        var wanted = prefix.toLowerCase();
        return exercises().stream().filter(e -> e.name().startsWith(wanted)).toList();
    }

    /** The length of the longest exercise name, to line up lists. */
    public int nameWidth() {
        return exercises().stream().mapToInt(e -> e.name().length()).max().orElse(0);
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

    /** The lessons in order, one per {@code lessons/NN-slug.md}. */
    public List<Lesson> lessons() {
        try (var files = Files.list(root.resolve("lessons"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.md")).sorted().map(Lesson::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Lesson {@code number} ("02" or "2"). */
    public Optional<Lesson> lesson(String number) {
        var padded = number.length() == 1 ? "0" + number : number;
        return lessons().stream().filter(l -> l.number().equals(padded)).findFirst();
    }

    /** "02 · Race conditions  lessons/02-race-conditions.md", from the lesson's first heading. */
    public String lessonTitle(String number) {
        return lesson(number).map(lesson -> {
            try (var lines = Files.lines(lesson.text())) {
                var title = lines.filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2)).orElse(number);
                return title + "  " + Style.quiet(root.relativize(lesson.text()).toString());
            } catch (IOException e) {
                return number;
            }
        }).orElse(number);
    }
}
