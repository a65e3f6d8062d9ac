package workbook.lessons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code lessons/*.jsh} the way a student's {@code /open} would, snippet by snippet, and
 * fails on the first snippet that does not compile or throws, so a lesson's JShell script can never
 * drift from the demo it calls.
 */
@DisplayName("Lesson JShell scripts")
class LessonScriptsTest {

    @TestFactory
    @DisplayName("every lessons/*.jsh runs without errors")
    Stream<DynamicTest> everyScriptRuns() throws IOException {
        try (var files = Files.list(Path.of("lessons"))) {
            return files.filter(f -> f.toString().endsWith(".jsh")).sorted().toList().stream()
                    .map(script -> dynamicTest(script.getFileName().toString(), () -> run(script)));
        }
    }

    private static void run(Path script) throws IOException {
        var output = new ByteArrayOutputStream();
        var print = new PrintStream(output, true, StandardCharsets.UTF_8);
        var console = System.out;
        System.setOut(print);
        try (var shell = JShell.builder().executionEngine("local").out(print).err(print).build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            for (var snippet : snippetsOf(shell, Files.readString(script))) {
                for (var event : shell.eval(snippet)) {
                    var diagnostics = shell.diagnostics(event.snippet())
                            .map(d -> d.getMessage(null)).toList();
                    assertThat(event.status())
                            .as("%s: this snippet does not compile:%n%s%n%s", script, snippet, diagnostics)
                            .isIn(Snippet.Status.VALID, Snippet.Status.OVERWRITTEN);
                    assertThat(event.exception())
                            .as("%s: this snippet threw:%n%s%nOutput so far:%n%s", script, snippet, output)
                            .isNull();
                }
            }
        } finally {
            System.setOut(console);
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).as("what %s printed", script).isNotBlank();
    }

    /** Splits a script into complete snippets, as JShell's {@code /open} does. */
    private static List<String> snippetsOf(JShell shell, String source) {
        var snippets = new ArrayList<String>();
        var analysis = shell.sourceCodeAnalysis();
        var remaining = source;
        while (!remaining.isBlank()) {
            assertThat(remaining.strip()).as("JShell commands such as /open do not belong in a lesson script; use Java only")
                    .matches(text -> !text.startsWith("/") || text.startsWith("//") || text.startsWith("/*"));
            var completion = analysis.analyzeCompletion(remaining);
            if (completion.source() == null || completion.source().isBlank()) {
                break;
            }
            snippets.add(completion.source());
            remaining = completion.remaining();
        }
        return snippets;
    }
}
