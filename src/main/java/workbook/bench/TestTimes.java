package workbook.bench;

import java.nio.file.Path;
import java.util.Comparator;

import workbook.runner.check.Checker;
import workbook.runner.check.TestLauncher.TestTime;
import workbook.runner.UnknownName;
import workbook.runner.Workbook;
import workbook.runner.curriculum.Curriculum;

/**
 * Where a verdict's time goes: checks an answer twice in this JVM (the first warms it, as watch
 * mode is warm after the first save) and prints how long each test of the second check took,
 * slowest first. It is the tool for making a verdict faster: a test that waits out a timeout or
 * runs a race to its budget shows at the top, with its share of the whole.
 *
 * <p>{@code TestTimes EXERCISE ...} checks each exercise's reference solution;
 * {@code EXERCISE/ANSWER} one of its known answers (a folder under
 * {@code src/test/resources/right|wrong/EXERCISE/}). Run it with {@code bench/test-times}.
 */
public final class TestTimes {

    private TestTimes() {}

    public static void main(String[] args) throws Exception {
        UnknownName.orExit(() -> measure(args));
    }

    private static void measure(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: TestTimes EXERCISE[/ANSWER] ...   (run bench/test-times)");
            System.exit(2);
        }
        var root = Path.of(System.getProperty("workbook.home", "")).toAbsolutePath();
        var workbook = new Workbook(root, Curriculum.load());
        var known = new KnownAnswers(root);
        var checker = new Checker(root);
        for (var target : args) {
            var asked = KnownAnswers.Target.parse(workbook, target);
            var exercise = asked.exercise();
            var answer = asked.answer().map(named -> known.named(exercise, named)).orElse(exercise.solutionFolder(root));
            checker.check(exercise, answer);
            var verdict = checker.check(exercise, answer);
            System.out.printf("%s (%s): %s, %d tests, %d ms in all, %d ms in tests%n", target, root.relativize(answer),
                    verdict.status(), verdict.testsRun(), verdict.elapsed().toMillis(), verdict.timeInTests().toMillis());
            verdict.testTimes().stream().sorted(Comparator.comparing(TestTime::took).reversed())
                    .forEach(time -> System.out.printf("  %6d ms  %s%n", time.took().toMillis(), time.test()));
        }
        System.exit(0);
    }
}
