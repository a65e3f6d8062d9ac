package workbook.runner.curriculum;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A lesson as the commands need it: its number, its text ({@code lessons/NN-slug.md}), its JShell
 * script beside it, and its demo class, named after the slug ({@code 02-race-conditions} →
 * {@code workbook.demos.RaceConditionsDemo}).
 */
public record Lesson(String number, Path text) {

    public static final String DEMO_PACKAGE = "workbook.demos.";

    /** The lesson of a file named like {@code 02-race-conditions.md}. */
    public static Lesson of(Path text) {
        var name = text.getFileName().toString();
        return new Lesson(name.substring(0, name.indexOf('-')), text);
    }

    String slug() {
        var name = text.getFileName().toString();
        return name.substring(0, name.length() - ".md".length());
    }

    public Path script() {
        return text.resolveSibling(slug() + ".jsh");
    }

    public String demoClass() {
        var words = slug().substring(number.length() + 1).split("-");
        return DEMO_PACKAGE + Arrays.stream(words)
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining()) + "Demo";
    }
}
