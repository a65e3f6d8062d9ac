package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import javax.tools.Tool;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn jshell:run} on a Maven that runs on Java 17: pom.xml's profile for a JDK older than 21
 * hands JShell a script that says what to do and exits. Here the script runs in JShell the way the
 * plugin runs it (the {@code jshell} tool, in this JVM).
 */
@DisplayName("mvn jshell:run on an old JDK")
class MavenJShellTest {

    private static final Path SCRIPT = Path.of("src/main/jshell/needs-jdk-21.jsh");

    @Test
    @DisplayName("pom.xml runs the script only when Maven's Java is older than 21")
    void profileRunsTheScriptOnOldJdks() throws IOException {
        var pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).containsPattern("(?s)<id>jshell-on-an-old-jdk</id>\\s*<activation><jdk>\\(,21\\)</jdk></activation>.*"
                + "<script>\\$\\{project.basedir}/" + SCRIPT.toString().replace(".", "\\.") + "</script>");
    }

    @Test
    @DisplayName("the script names the JDK to use, the exact command and ./workbook jshell, then exits with 1 before the prompt")
    void scriptSaysWhatToDoAndExits() {
        var jshell = ServiceLoader.load(Tool.class).stream().map(ServiceLoader.Provider::get)
                .filter(tool -> tool.name().equals("jshell")).findFirst().orElseThrow();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = jshell.run(new ByteArrayInputStream(new byte[0]), out, err, SCRIPT.toString());
        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("exit code; stderr: " + err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(printed).contains("which here is Java " + System.getProperty("java.version"))
                .contains("./workbook jshell").contains("JDK 21 or newer")
                .contains("JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q compile jshell:run")
                .doesNotContain("jshell>");
    }
}
