package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps the README true to the workbook: its lesson index and the commands it names. */
@DisplayName("README")
class ReadmeTest {

    private static final Path README = Path.of("README.md");

    @Test
    @DisplayName("links every lesson")
    void linksEveryLesson() throws IOException {
        var readme = Files.readString(README);
        try (var lessons = Files.list(Path.of("lessons"))) {
            for (var lesson : lessons.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.md")).toList()) {
                assertThat(readme).as("README's lesson index").contains("](lessons/" + lesson.getFileName() + ")");
            }
        }
    }

    @Test
    @DisplayName("names only commands that ./workbook has")
    void namesOnlyRealCommands() throws IOException {
        var commands = WorkbookCommand.commandLine(new WorkbookCommand()).getSubcommands().keySet();
        var matcher = Pattern.compile("`\\./workbook ([a-z]+)").matcher(Files.readString(README));
        while (matcher.find()) {
            assertThat(commands).as("README mentions ./workbook " + matcher.group(1)).contains(matcher.group(1));
        }
    }
}
