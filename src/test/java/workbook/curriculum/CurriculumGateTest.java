package workbook.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import workbook.bench.KnownAnswers;
import workbook.runner.FolderContents;
import workbook.runner.check.Checker;
import workbook.runner.check.Verdict;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;

/**
 * Proves the workbook's exercises teach what they claim, with the runner's own engine: for every
 * exercise, the stub as shipped compiles and fails its tests (which write nothing into exercises/,
 * where the student works: {@code ./workbook check all} runs them all), the reference solution passes them,
 * every known right answer in another idiom (kept under
 * {@code src/test/resources/right/<exercise>/<idiom>/}) passes them, and every known wrong answer
 * (a real mistake a student makes, kept under
 * {@code src/test/resources/wrong/<exercise>/<mistake>/}) compiles and fails them.
 *
 * <p>A wrong answer that passed would mean the tests let that mistake through; a right answer that
 * failed would mean the tests judge the idiom instead of the behaviour; a stub that passed
 * would give the student a green light for nothing. Exercises are found from the curriculum, so a
 * new exercise is covered without touching this class.
 *
 * <p>A wrong answer needs only "does some test fail", so its check stops at the first failing
 * test, as a mutant's does; the tests after it would only wait out their own deadlines. What a
 * student sees of those failures is proven by the runner's and the exercises' own tests. The stub's
 * check runs every test, as the student's first check does, so that none of them writes into exercises/.
 * {@code -Dworkbook.gate.exercises=l06a_bounded_buffer,...} limits the gate to some exercises.
 *
 * <p>All checks share this JVM. An answer whose threads outlive its tests, ignore the checker's
 * interrupt and go on using the CPU cannot be stopped here, and takes cores from every check after
 * it: the gate names it and those threads on standard output ({@link #reportLeftovers}), without
 * failing for it (its verdict is what the gate judges; a student's watch mode restarts its JVM on
 * such a verdict). Threads left parked (a stub's self-deadlock) cost no core and are not named.
 */
@DisplayName("Curriculum gate")
class CurriculumGateTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path EXERCISES = ROOT.resolve("exercises");
    private static final int WRONG_VARIANTS_REQUIRED = 3;
    private static final int RIGHT_VARIANTS_REQUIRED = 2;
    private static final KnownAnswers KNOWN = new KnownAnswers(ROOT);

    private static final boolean STOP_AT_FIRST_FAILURE = true;

    private static final Curriculum CURRICULUM = Curriculum.load();
    private static final Checker CHECKER = new Checker(ROOT);

    @Test
    @DisplayName("every exercise folder is in the curriculum, and every curriculum entry has its parts")
    void curriculumAndFoldersAgree() throws IOException {
        List<String> folders;
        try (var list = Files.list(ROOT.resolve("exercises"))) {
            folders = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(CURRICULUM.names()).as("exercises named in curriculum.md").containsExactlyInAnyOrderElementsOf(folders);
        for (var exercise : CURRICULUM.exercises()) {
            var folder = exercise.folder(ROOT);
            assertThat(folder.resolve("TASK.md")).as("task text of " + exercise.name()).exists();
            assertThat(exercise.sources(ROOT)).as("tests of " + exercise.name()).anyMatch(Exercise::isTest);
            assertThat(exercise.hints()).as("hints of " + exercise.name()).isNotEmpty();
            assertThat(lessonFiles(exercise.lesson())).as("lessons/%s-*.md for %s", exercise.lesson(), exercise.name()).isNotEmpty();
            for (var stub : exercise.sources(ROOT).stream().filter(f -> !Exercise.isTest(f)).toList()) {
                assertThat(Files.readString(stub)).as(stub + " shows the student where to work").contains("TODO");
                assertThat(exercise.solutionFolder(ROOT).resolve(stub.getFileName())).as("solution of " + stub).exists();
            }
            assertThat(KNOWN.wrong(exercise)).as("wrong variants of " + exercise.name()).hasSizeGreaterThanOrEqualTo(WRONG_VARIANTS_REQUIRED);
            assertThat(KNOWN.right(exercise)).as("right answers of %s in other idioms than the solution's", exercise.name())
                    .hasSizeGreaterThanOrEqualTo(RIGHT_VARIANTS_REQUIRED);
        }
    }

    @TestFactory
    @DisplayName("every exercise: stub fails, solution and each right answer pass, each wrong answer fails")
    Stream<DynamicNode> everyExercise() {
        var only = Stream.of(System.getProperty("workbook.gate.exercises", "").split(",")).filter(n -> !n.isBlank()).toList();
        return CURRICULUM.exercises().stream().filter(e -> only.isEmpty() || only.contains(e.name())).map(exercise -> {
            var checks = new ArrayList<DynamicNode>();
            checks.add(dynamicTest("the stub as shipped compiles and fails, and leaves exercises/ as it was", () -> {
                var before = FolderContents.of(EXERCISES);
                var verdict = CHECKER.check(exercise);
                reportLeftovers(exercise.name() + " stub", verdict);
                assertThat(verdict.status())
                        .as("""
                                exercises/%s as it stands must compile and fail its tests. If you solved it \
                                yourself, that is your work passing: mvn verify checks the workbook as shipped, \
                                ./workbook checks your work. %s""", exercise.name(), describe(verdict))
                        .isEqualTo(Verdict.Status.FAILED);
                assertThat(FolderContents.of(EXERCISES).changesSince(before))
                        .as("exercises/ after checking the stub of %s: a check must write nowhere in the folder the student"
                                + " works in (a test's own files belong in a temporary folder)", exercise.name())
                        .isEmpty();
            }));
            checks.add(dynamicTest("the solution passes", () -> {
                var verdict = CHECKER.check(exercise, exercise.solutionFolder(ROOT));
                reportLeftovers(exercise.name() + " solution", verdict);
                assertThat(verdict.status()).as("solutions/%s must pass. %s", exercise.name(), describe(verdict))
                        .isEqualTo(Verdict.Status.PASSED);
            }));
            for (var right : KNOWN.right(exercise)) {
                checks.add(dynamicTest("right: " + right.getFileName() + " passes", () -> {
                    var verdict = CHECKER.check(exercise, right);
                    reportLeftovers(exercise.name() + " right answer " + right.getFileName(), verdict);
                    assertThat(verdict.status())
                            .as("the right answer %s must pass the tests of %s: a test that fails it judges the idiom, "
                                    + "not the behaviour. %s", right.getFileName(), exercise.name(), describe(verdict))
                            .isEqualTo(Verdict.Status.PASSED);
                }));
            }
            for (var variant : KNOWN.wrong(exercise)) {
                checks.add(dynamicTest("wrong: " + variant.getFileName() + " fails", () -> {
                    var verdict = CHECKER.check(exercise, variant, STOP_AT_FIRST_FAILURE);
                    reportLeftovers(exercise.name() + " wrong answer " + variant.getFileName(), verdict);
                    assertThat(verdict.status())
                            .as("the mistake %s must compile and fail the tests of %s. %s",
                                    variant.getFileName(), exercise.name(), describe(verdict))
                            .isEqualTo(Verdict.Status.FAILED);
                }));
            }
            return dynamicContainer(exercise.name(), checks);
        });
    }

    private static List<Path> lessonFiles(String lesson) throws IOException {
        try (var list = Files.list(ROOT.resolve("lessons"))) {
            return list.filter(p -> p.getFileName().toString().matches(lesson + "-.*\\.md")).toList();
        }
    }

    /** One line naming an answer whose threads still use the CPU in this JVM, and those threads. */
    private static void reportLeftovers(String answer, Verdict verdict) {
        if (verdict.leftBusyThreads()) {
            System.out.println("Curriculum gate: " + answer + " left threads using the CPU that ignored the interrupt, "
                    + "and they slow every check after it: " + verdict.leftovers().stream().filter(thread -> thread.busy())
                    .map(thread -> thread.describe()).collect(Collectors.joining(", ")));
        }
    }

    private static String describe(Verdict verdict) {
        var out = new StringBuilder("Verdict: ").append(verdict.status());
        verdict.compileErrors().forEach(e -> out.append("\n  ").append(e));
        verdict.failures().forEach(f -> out.append("\n  ").append(f.test()).append(": ").append(f.message()));
        return out.toString();
    }
}
