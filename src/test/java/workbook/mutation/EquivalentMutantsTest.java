package workbook.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbook.runner.check.Verdict;

/** The list of equivalent mutants is read as documented, and every kind of wrong line is an error. */
class EquivalentMutantsTest {

    private static MutantResult result(String id, Verdict.Status status, boolean listed) {
        var mutant = new Mutant(id, "RNA", "solution", "Box.java", 3, "notifyAll() -> notify()", "a\n", "b\n");
        return MutantResult.of(mutant, new MutantCheck(status, Duration.ofMillis(100), "", false, false), listed);
    }

    @Test
    @DisplayName("a listed survivor is equivalent; stale, killed, stillborn and malformed lines are errors; an unlisted survivor fails")
    void listIsChecked(@TempDir Path root) throws IOException {
        var file = EquivalentMutants.fileOf(root, "l00a_box");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                # Equivalent mutants of l00a_box

                Free text, and the format: `- <mutant id>: <why it behaves correctly>`.

                - solution/RNA/Box.put#1: only one thread ever waits, so waking one wakes all
                - solution/RNA/Box.take#1: a reason
                - solution/RNA/Box.gone#1: a reason
                - solution/RNA/Box.broken#1: a reason
                - no reason here
                """);
        var listed = EquivalentMutants.load(root, "l00a_box");
        assertThat(listed.entries()).hasSize(4).containsEntry("solution/RNA/Box.put#1", "only one thread ever waits, so waking one wakes all");
        var results = List.of(
                result("solution/RNA/Box.put#1", Verdict.Status.PASSED, true),
                result("solution/RNA/Box.take#1", Verdict.Status.FAILED, true),
                result("solution/RNA/Box.broken#1", Verdict.Status.DOES_NOT_COMPILE, true),
                result("solution/RNA/Box.other#1", Verdict.Status.PASSED, false));
        var report = new ExerciseReport("l00a_box", results, Set.of(), 0, listed, true);

        assertThat(report.equivalent()).isEqualTo(1);
        assertThat(report.unlistedSurvivors()).extracting(r -> r.mutant().id()).containsExactly("solution/RNA/Box.other#1");
        assertThat(report.listProblems()).hasSize(4)
                .anyMatch(p -> p.contains("not an entry") && p.contains("no reason here"))
                .anyMatch(p -> p.contains("Box.take#1") && p.contains("the tests kill it"))
                .anyMatch(p -> p.contains("Box.broken#1") && p.contains("does not compile"))
                .anyMatch(p -> p.contains("Box.gone#1") && p.contains("stale"));
        assertThat(report.passed()).isFalse();
        assertThat(new ExerciseReport("l00a_box", results, Set.of(), 0, listed, false).listProblems())
                .as("a filtered run cannot tell a stale line").noneMatch(p -> p.contains("stale"));
    }

    @Test
    @DisplayName("a real bug listed under the heading of those no test can force may survive or be killed, and is not counted as equivalent")
    void unforcedBugsAreNeitherEquivalentNorErrors(@TempDir Path root) throws IOException {
        var file = EquivalentMutants.fileOf(root, "l00a_box");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                # Mutants of l00a_box

                - solution/RNA/Box.put#1: only one thread ever waits

                %s

                - solution/SPCR/Box.take#1: the check and the removal in two holds; only a lucky interleaving shows it
                - solution/SPCR/Box.put#1: the same split in put
                """.formatted(EquivalentMutants.UNFORCED_HEADING));
        var listed = EquivalentMutants.load(root, "l00a_box");
        assertThat(listed.unforced()).containsExactly("solution/SPCR/Box.take#1", "solution/SPCR/Box.put#1");
        assertThat(listed.listsAsUnforced("solution/RNA/Box.put#1")).isFalse();
        var results = List.of(
                result("solution/RNA/Box.put#1", Verdict.Status.PASSED, true),
                result("solution/SPCR/Box.take#1", Verdict.Status.PASSED, true),
                result("solution/SPCR/Box.put#1", Verdict.Status.FAILED, true));
        var report = new ExerciseReport("l00a_box", results, Set.of(), 0, listed, true);
        assertThat(report.equivalent()).as("listed survivors that behave correctly").isEqualTo(1);
        assertThat(report.unforced()).as("listed real bugs that survived this time").isEqualTo(1);
        assertThat(report.listProblems()).as("a listed real bug killed this time is no error").isEmpty();
        assertThat(report.passed()).isTrue();

        var build = new ExerciseReport("l00a_box", results.subList(0, 1), Set.of("solution/SPCR/Box.take#1", "solution/SPCR/Box.put#1"),
                0, listed, true);
        assertThat(build.listProblems()).as("real bugs the build's check did not run are still generated, so not stale").isEmpty();
        assertThat(MutationRun.table(List.of(build))).contains("| 2 not run |");
    }
}
