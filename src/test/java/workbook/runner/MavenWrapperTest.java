package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A JDK is the only thing a student installs: the Maven Wrapper ships with the workbook, and both
 * launchers fall back to it when {@code mvn} is not on the PATH. (That it works with no Maven and
 * an empty local repository was proven by hand; it needs the network, which a test must not.)
 */
@DisplayName("the Maven Wrapper")
class MavenWrapperTest {

    @Test
    @DisplayName("ships mvnw, mvnw.cmd and a wrapper 3.3.x pinned to a Maven 3.9 from Maven Central")
    void ships() throws IOException {
        assertThat(Path.of("mvnw")).isExecutable();
        assertThat(Path.of("mvnw.cmd")).isRegularFile();
        assertThat(Files.readString(Path.of(".mvn/wrapper/maven-wrapper.properties")))
                .containsPattern("(?m)^wrapperVersion=3\\.3\\.\\d+$")
                .containsPattern("(?m)^distributionUrl=https://repo\\.maven\\.apache\\.org/maven2/org/apache/maven/apache-maven/3\\.9\\.\\d+/");
    }

    @Test
    @DisplayName("the launchers use mvn when it is on the PATH, else the wrapper")
    void launchersFallBackToTheWrapper() throws IOException {
        assertThat(Files.readString(Path.of("workbook")))
                .contains("if command -v mvn >/dev/null 2>&1; then maven=mvn; else maven=\"$root/mvnw\"; fi")
                .contains("\"$maven\" -q -B");
        assertThat(Files.readString(Path.of("workbook.cmd")))
                .contains("set \"MAVEN=%ROOT%\\mvnw.cmd\"").contains("where mvn >nul 2>nul && set \"MAVEN=mvn\"")
                .contains("call \"%MAVEN%\" -q -B");
    }

    @Test
    @DisplayName("the README says a JDK is all there is to install, and how to run mvn verify on a clean copy")
    void readmeSaysSo() throws IOException {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("A JDK 21 or newer is the only thing to install")
                .contains("`git stash -u`, then\n`mvn verify`");
    }
}
