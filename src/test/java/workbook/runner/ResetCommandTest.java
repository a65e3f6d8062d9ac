package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./workbook reset} on a copy of the workbook committed to a git repository of its own. */
@DisplayName("./workbook reset")
class ResetCommandTest {

    @TempDir
    Path folder;

    private WorkbookCopy copy;
    private Path counter;
    private String shipped;

    @BeforeEach
    void commitACopy() throws Exception {
        copy = WorkbookCopy.in(folder);
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "shipped");
        counter = copy.stub("l02a_lost_update", "Counter.java");
        shipped = Files.readString(counter);
        copy.solve("l02a_lost_update");
        copy.solve("l02b_check_then_act");
    }

    @Test
    @DisplayName("shows the student's lines as the ones that would be lost, and on no writes nothing and exits 0")
    void asksBeforeWriting() throws IOException {
        Files.writeString(counter, "// my own note\n", java.nio.file.StandardOpenOption.APPEND);
        var solved = Files.readString(counter);
        var run = copy.run("n\n", "reset", "l02a_lost_update");
        assertThat(run.exitCode()).isZero();
        var file = "exercises/l02a_lost_update/Counter.java";
        assertThat(run.out())
                .contains("--- yours (would be lost): " + file + "\n+++ as shipped: " + file)
                .containsPattern("(?m)^-// my own note$")
                .contains("Restore? [y/N]").contains("Nothing was changed");
        assertThat(Files.readString(counter)).isEqualTo(solved);
    }

    @Test
    @DisplayName("restores the stub on yes, and touches no other exercise")
    void restoresOnYes() throws IOException {
        var otherExercise = copy.stub("l02b_check_then_act", "TicketOffice.java");
        var otherBefore = Files.readString(otherExercise);
        var run = copy.run("y\n", "reset", "l02a_lost_update");
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(counter)).isEqualTo(shipped);
        assertThat(Files.readString(otherExercise)).isEqualTo(otherBefore);
    }

    @Test
    @DisplayName("--yes restores without asking; with no answer to read, nothing is written")
    void yesSkipsTheQuestion() throws IOException {
        var noAnswer = copy.run("", "reset", "l02a_lost_update");
        assertThat(noAnswer.out()).contains("Run again with --yes");
        assertThat(Files.readString(counter)).isNotEqualTo(shipped);
        assertThat(copy.run("", "reset", "--yes", "l02a_lost_update").exitCode()).isZero();
        assertThat(Files.readString(counter)).isEqualTo(shipped);
    }

    @Test
    @DisplayName("an exercise as shipped needs no reset")
    void nothingToReset() throws Exception {
        git("checkout", "-q", "--", "exercises/l02a_lost_update");
        var run = copy.run("", "reset", "l02a_lost_update");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("exactly as shipped");
    }

    private void git(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("git", "-C", folder.toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as("git " + String.join(" ", args)).isZero();
    }
}
