package workbook.runner.curriculum;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The exercises in the order a student meets them, with their lessons and hints, read from the one
 * place that keeps them: {@code src/main/resources/workbook/runner/curriculum.md}.
 *
 * <p>The file is plain text that reads well on its own:
 * <pre>
 * ## l02a_lost_update
 * lesson: 02
 * title: A counter that loses no updates
 * hint: First hint, the gentlest.
 * hint: A longer hint may go on over
 *   indented lines; they are joined with line breaks.
 * </pre>
 * Lines outside an exercise section, such as a heading, are notes for maintainers and are skipped.
 */
public record Curriculum(List<Exercise> exercises) {

    private static final String RESOURCE = "/workbook/runner/curriculum.md";

    /** The curriculum shipped with the runner. */
    public static Curriculum load() {
        var stream = Objects.requireNonNull(Curriculum.class.getResourceAsStream(RESOURCE), RESOURCE + " is missing");
        try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Curriculum parse(List<String> lines) {
        var exercises = new ArrayList<Exercise>();
        Section section = null;
        int number = 0;
        for (var line : lines) {
            number++;
            if (line.startsWith("## ")) {
                if (section != null) {
                    exercises.add(section.toExercise());
                }
                section = new Section(line.substring(3).strip());
            } else if (section != null && !line.isBlank()) {
                section.read(line, number);
            }
        }
        if (section != null) {
            exercises.add(section.toExercise());
        }
        return new Curriculum(List.copyOf(exercises));
    }

    public Optional<Exercise> find(String name) {
        return exercises.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return exercises.stream().map(Exercise::name).toList();
    }

    /** Collects one {@code ## name} section line by line. */
    private static final class Section {
        private final String name;
        private String lesson;
        private String title;
        private final List<StringBuilder> hints = new ArrayList<>();
        private StringBuilder last;

        Section(String name) {
            this.name = name;
        }

        void read(String line, int number) {
            if (line.startsWith("  ") && last != null) {
                last.append('\n').append(line.substring(2));
            } else if (line.startsWith("lesson:")) {
                lesson = line.substring("lesson:".length()).strip();
                last = null;
            } else if (line.startsWith("title:")) {
                title = line.substring("title:".length()).strip();
                last = null;
            } else if (line.startsWith("hint:")) {
                last = new StringBuilder(line.substring("hint:".length()).strip());
                hints.add(last);
            } else {
                throw new IllegalStateException("%s line %d: expected 'lesson:', 'title:', 'hint:' or an indented line, found: %s"
                        .formatted(RESOURCE, number, line));
            }
        }

        Exercise toExercise() {
            if (lesson == null || title == null) {
                throw new IllegalStateException(RESOURCE + ": exercise " + name + " needs a 'lesson:' and a 'title:' line");
            }
            return new Exercise(name, lesson, title, hints.stream().map(StringBuilder::toString).toList());
        }
    }
}
