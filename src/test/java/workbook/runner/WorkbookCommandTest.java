package workbook.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Lesson;
import workbook.runner.curriculum.Progress;

/**
 * The runner's commands as a student uses them, on a copy of the workbook in a temporary folder,
 * so that breaking and solving exercises here never touches the real ones.
 */
@DisplayName("./workbook commands")
class WorkbookCommandTest {

    @TempDir
    Path root;

    private WorkbookCopy copy;
    private Workbook workbook;

    @BeforeEach
    void copyTheWorkbook() throws IOException {
        copy = WorkbookCopy.in(root);
        workbook = copy.workbook();
    }

    @Test
    @DisplayName("list shows every exercise in order under its lesson, pending, with the current one marked")
    void listShowsEveryExercise() {
        var run = run("list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Lesson 02 · Race conditions");
        var first = workbook.exercises().getFirst().name();
        assertThat(run.out()).containsPattern("→ pending +" + first);
        var names = workbook.exercises().stream().map(Exercise::name).toList();
        assertThat(run.out()).containsSubsequence(names);
        assertThat(run.out()).contains("0 of " + names.size() + " done");
    }

    @Test
    @DisplayName("list compiles only what changed since the last list, keeping what it learnt in target/workbook/")
    void listCachesCompileStatus() throws IOException {
        run("list");
        var cache = root.resolve("target/workbook/compile-status.properties");
        assertThat(cache).exists();
        // A status the cache claims for unchanged files is believed: proof that list did not compile them again.
        Files.writeString(cache, Files.readString(cache).replaceFirst("(l02b_check_then_act=[^\\n]*)=compiles", "$1=fails"));
        assertThat(run("list").out()).containsPattern("does not compile +l02b_check_then_act");
        // A changed exercise is compiled again.
        Files.writeString(copy.stub("l02b_check_then_act", "TicketOffice.java"), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run("list").out()).containsPattern("pending +l02b_check_then_act");
    }

    @Test
    @DisplayName("check on a stub fails with the test's teaching message; exit code 1")
    void checkOnAStubFails() {
        var run = run("check", "l02a_lost_update");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ l02a_lost_update fails").contains("Lost updates").contains("Why:");
    }

    @Test
    @DisplayName("copying the solution over the current stub makes check pass, marks it done and moves on")
    void solvedExercisePasses() throws IOException {
        var first = workbook.exercises().get(0).name();
        var second = workbook.exercises().get(1).name();
        copy.solve(first);
        var run = run("check");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("✓ " + first + " passes").contains("solutions/" + first + "/")
                .contains("Next: " + second);
        assertThat(run("list").out()).containsPattern("done +" + first).containsPattern("→ pending +" + second);
    }

    @Test
    @DisplayName("an exercise edited after it passed is pending again")
    void editingADoneExerciseMakesItPending() throws IOException {
        copy.solve("l02a_lost_update");
        run("check", "l02a_lost_update");
        assertThat(run("list").out()).containsPattern("done +l02a_lost_update");
        Files.writeString(copy.stub("l02a_lost_update", "Counter.java"), "\n// changed\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run("list").out()).containsPattern("pending +l02a_lost_update");
    }

    @Test
    @DisplayName("check all checks each exercise in order: a compile error in one is reported as file:line and leaves the others checkable")
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void compileErrorInOneExerciseLeavesOthersCheckable() throws IOException {
        copy.breakSyntax("l02a_lost_update", "Counter.java", "count++;", "count++");
        copy.solve("l02b_check_then_act");
        // Five exercises, not the whole curriculum: the curriculum gate checks every stub (and that its
        // tests leave exercises/ as it was). These are the broken one, the solved one, and the three
        // whose tests write files of their own: an exit program's log, a command's output, JMH's harness.
        var exercises = new String[] {"l02a_lost_update", "l02b_check_then_act", "l07c_audit_log_at_exit",
            "l16b_command_with_deadline", "l18a_checksum_benchmark"};
        var before = copy.exercisesSnapshot();
        var run = copy.withOnly(exercises).run("", "check", "all");
        assertThat(copy.exercisesSnapshot().changesSince(before)).as("exercises/ after check all").isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .containsPattern("exercises/l02a_lost_update/Counter.java:\\d+: ';' expected")
                .containsSubsequence("✗ l02a_lost_update does not compile", "✓ l02b_check_then_act passes",
                        "✗ l07c_audit_log_at_exit fails", "✗ l16b_command_with_deadline fails", "✗ l18a_checksum_benchmark fails")
                .contains("1 of 5 exercises pass.");
        assertThat(run("list").out()).containsPattern("does not compile +l02a_lost_update");
    }

    @Test
    @DisplayName("an unknown exercise name gets the nearest names and a pointer to list; exit code 2")
    void unknownExercise() {
        var run = run("check", "l02a_lots_update");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("There is no exercise called \"l02a_lots_update\"")
                .contains("Did you mean l02a_lost_update").contains("./workbook list");
        assertThat(run("hint", "counter").exitCode()).isEqualTo(2);
    }

    @Test
    @DisplayName("the beginning of one exercise's name picks it; of several, lists them; a short typo gets a suggestion")
    void exerciseNamePrefixes() {
        assertThat(run("hint", "l05a").out()).contains("l05a_object_pool").contains("Hint 1 of");
        var ambiguous = run("hint", "l05");
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("\"l05\" is the beginning of 2 exercises: l05a_object_pool, l05b_throttle")
                .contains("for example l05a");
        var typo = run("hint", "l5a");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean l05a_object_pool");
    }

    @Test
    @DisplayName("an unknown command gets picocli's suggestion; exit code 2")
    void unknownCommand() {
        var run = run("chek");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Did you mean").contains("check");
    }

    @Test
    @DisplayName("hint reveals one more level each time, and remembers")
    void hintRevealsOneLevelAtATime() {
        var exercise = workbook.find("l02a_lost_update").orElseThrow();
        var first = run("hint", "l02a_lost_update").out();
        assertThat(first).contains("Hint 1 of " + exercise.hints().size()).doesNotContain("Hint 2");
        var second = run("hint", "l02a_lost_update").out();
        assertThat(second).contains("Hint 1 of").contains("Hint 2 of");
    }

    @Test
    @DisplayName("no command ever writes to exercises/")
    void neverWritesToExercises() throws IOException {
        var before = copy.exercisesSnapshot();
        run("list");
        // check with an exercise's name goes through the same check as check all, which the test
        // above runs over the exercises whose tests write files of their own.
        run("hint", "l02b_check_then_act");
        run("check");
        assertThat(copy.exercisesSnapshot().changesSince(before)).as("exercises/ after list, hint and check").isEmpty();
    }

    @Test
    @DisplayName("a corrupt progress file is rebuilt with a warning, not a crash")
    void corruptProgressFileIsRebuilt() throws IOException {
        Files.writeString(root.resolve(Progress.FILE_NAME), "done.l02a_lost_update=\\u00zz broken");
        assertThat(run("list").exitCode()).isZero();
        assertThat(run("check", "l02a_lost_update").exitCode()).isEqualTo(1);
    }

    private WorkbookCopy.Run run(String... args) {
        return copy.run("", args);
    }
}
