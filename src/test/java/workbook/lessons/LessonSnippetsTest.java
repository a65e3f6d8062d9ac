package workbook.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the Java shown in lessons true to compiled code: every {@code ```java} block in
 * {@code lessons/*.md} must sit right under a {@code <!-- from: path -->} line naming a source file
 * that the build compiles (a demo, a solution, a wrong variant), and must appear in that file line
 * for line (indentation aside). Change the code and forget the lesson, and this test says where.
 */
@DisplayName("Lesson code snippets")
class LessonSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile(
            "(?:<!-- from: (?<path>\\S+) -->\\n)?```java\\n(?<code>.*?)```", Pattern.DOTALL);

    @TestFactory
    @DisplayName("every Java block in a lesson is quoted from a compiled source")
    Stream<DynamicTest> everyJavaBlockIsQuoted() throws IOException {
        try (var files = Files.list(Path.of("lessons"))) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList().stream()
                    .map(lesson -> dynamicTest(lesson.getFileName().toString(), () -> checkBlocks(lesson)));
        }
    }

    private static void checkBlocks(Path lesson) throws IOException {
        var matcher = JAVA_BLOCK.matcher(Files.readString(lesson));
        while (matcher.find()) {
            var code = matcher.group("code");
            var path = matcher.group("path");
            assertThat(path).as("%s: this Java block has no <!-- from: path --> line above it:%n%s", lesson, code).isNotNull();
            var source = Path.of(path);
            assertThat(source).as("%s quotes %s, which does not exist", lesson, path).exists();
            assertThat(Collections.indexOfSubList(stripped(Files.readString(source)), stripped(code)))
                    .as("%s: this block is not (any longer) in %s, line for line:%n%s", lesson, path, code)
                    .isNotNegative();
        }
    }

    private static List<String> stripped(String text) {
        return text.lines().map(String::strip).toList();
    }
}
