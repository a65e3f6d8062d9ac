package workbook.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import workbook.runner.curriculum.Curriculum;

/**
 * The build's mutation analysis ({@code mvn verify -Pmutation}, which {@code .ci/run} runs): for every
 * exercise, every mutant of its solution and right answers is killed by the tests, or listed as
 * equivalent in {@code src/test/resources/mutants/<exercise>.md}, and that list has no stale or
 * wrong line. The mutants listed as real bugs no test here can force are not run here (whatever they
 * do cannot change the verdict; {@code bench/mutation-analysis} runs them). A failure names each survivor with its change, so the fix (a better test, or a line
 * arguing why it is correct) can start from the message. The table of all exercises is written to
 * {@code target/mutation-analysis.md}. {@code -Dworkbook.mutation.exercises=l06a_bounded_buffer,...}
 * limits it to some exercises.
 */
@DisplayName("Mutation analysis")
class MutationAnalysisTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final MutationAnalysis ANALYSIS = new MutationAnalysis(ROOT);
    private static final List<ExerciseReport> REPORTS = new CopyOnWriteArrayList<>();

    @TestFactory
    @DisplayName("every mutant of every exercise is killed, or listed as equivalent")
    Stream<DynamicTest> everyExercise() {
        var only = Stream.of(System.getProperty("workbook.mutation.exercises", "").split(",")).filter(n -> !n.isBlank()).toList();
        var exercises = Curriculum.load().exercises().stream().filter(e -> only.isEmpty() || only.contains(e.name()));
        return exercises.map(exercise -> dynamicTest(exercise.name(), () -> {
            var report = ANALYSIS.analyseForBuild(exercise, result -> {});
            REPORTS.add(report);
            var survivors = new StringBuilder();
            for (var survivor : report.unlistedSurvivors()) {
                var mutant = survivor.mutant();
                survivors.append("\n- ").append(mutant.id()).append(" (").append(mutant.file()).append(" line ").append(mutant.line())
                        .append(": ").append(mutant.description()).append(")\n").append(mutant.diff().indent(4).stripTrailing());
            }
            assertThat(report.unlistedSurvivors().stream().map(survivor -> survivor.mutant().id()).toList())
                    .as("mutants of %s that the tests pass and %s does not list as equivalent: each is a blind spot of the tests,"
                            + " or a correct variant to argue there (see CONTRIBUTING.md)%s",
                            exercise.name(), EquivalentMutants.fileOf(ROOT, exercise.name()).getFileName(), survivors)
                    .isEmpty();
            assertThat(report.listProblems()).as("the list of equivalent mutants of %s", exercise.name()).isEmpty();
        }));
    }

    @AfterAll
    static void writeTable() throws IOException {
        ANALYSIS.close();
        var table = MutationRun.table(REPORTS);
        System.out.println(table);
        Files.createDirectories(ROOT.resolve("target"));
        Files.writeString(ROOT.resolve("target/mutation-analysis.md"), table);
    }
}
