package workbook.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Exercise;

/**
 * The answers the workbook knows the verdict of, besides the reference solution: wrong answers
 * (real mistakes, under {@code src/test/resources/wrong/<exercise>/<mistake>/}), which must fail
 * every time, and right answers in other idioms than the solution's (under
 * {@code src/test/resources/right/<exercise>/<idiom>/}), which must pass every time.
 *
 * <p>The curriculum gate proves both on every build; {@code bench/verdict-reliability} measures
 * how reliably and how fast, with the machine loaded.
 */
public record KnownAnswers(Path root) {

    /**
     * What a bench command was asked to look at: {@code EXERCISE} alone, or {@code EXERCISE/ANSWER}
     * with {@code ANSWER} a name {@link #named} knows.
     */
    public record Target(Exercise exercise, Optional<String> answer) {

        public static Target parse(Workbook workbook, String text) {
            int slash = text.indexOf('/');
            var name = slash < 0 ? text : text.substring(0, slash);
            var exercise = workbook.exercise(name);
            return new Target(exercise, slash < 0 ? Optional.empty() : Optional.of(text.substring(slash + 1)));
        }
    }

    /** Whether an answer must pass or fail. */
    public enum Kind {
        WRONG("wrong"), RIGHT("right");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }
    }

    /** The folders holding the known answers of one kind for an exercise, sorted by name. */
    public List<Path> of(Kind kind, Exercise exercise) {
        var folder = root.resolve("src/test/resources").resolve(kind.folder).resolve(exercise.name());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var list = Files.list(folder)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The wrong answers of an exercise. */
    public List<Path> wrong(Exercise exercise) {
        return of(Kind.WRONG, exercise);
    }

    /** The right answers of an exercise, other than its reference solution. */
    public List<Path> right(Exercise exercise) {
        return of(Kind.RIGHT, exercise);
    }

    /**
     * The known answer of that folder name, right or wrong; for "solution", the reference solution;
     * for "stub", the exercise as it stands in {@code exercises/} (the stub, in a fresh clone).
     */
    public Path named(Exercise exercise, String answer) {
        if (answer.equals("solution")) {
            return exercise.solutionFolder(root);
        }
        if (answer.equals("stub")) {
            return exercise.folder(root);
        }
        return Stream.concat(right(exercise).stream(), wrong(exercise).stream())
                .filter(folder -> folder.getFileName().toString().equals(answer))
                .findFirst()
                .orElseThrow(() -> new UnknownName("There is no known answer "  + answer + " of " + exercise.name()
                        + " (a folder name under src/test/resources/right|wrong/" + exercise.name() + "/, solution or stub)"));
    }
}
