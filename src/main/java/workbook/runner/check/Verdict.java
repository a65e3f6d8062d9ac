package workbook.runner.check;

import java.time.Duration;
import java.util.List;

/**
 * What checking one exercise found.
 *
 * @param compileErrors set when the sources did not compile, each ready to print
 * @param failures      the failed tests, when it compiled
 * @param testsRun      how many tests ran
 * @param elapsed       the whole check: compile, discovery, launch and the tests
 * @param timeInTests   the part of it spent inside test methods
 */
public record Verdict(String exercise, Status status, List<String> compileErrors,
                      List<TestLauncher.Failure> failures, int testsRun, Duration elapsed, Duration timeInTests) {

    public enum Status { PASSED, FAILED, DOES_NOT_COMPILE }

    static Verdict doesNotCompile(String exercise, List<String> errors, Duration elapsed) {
        return new Verdict(exercise, Status.DOES_NOT_COMPILE, errors, List.of(), 0, elapsed, Duration.ZERO);
    }

    static Verdict ofTests(String exercise, TestLauncher.Outcome outcome, Duration elapsed) {
        if (outcome.testsRun() == 0 && outcome.failures().isEmpty()) {
            var none = new TestLauncher.Failure("(no test)", "no test was found: an exercise has classes named *Test with @Test methods");
            return new Verdict(exercise, Status.FAILED, List.of(), List.of(none), 0, elapsed, Duration.ZERO);
        }
        var status = outcome.failures().isEmpty() ? Status.PASSED : Status.FAILED;
        return new Verdict(exercise, status, List.of(), outcome.failures(), outcome.testsRun(), elapsed, outcome.timeInTests());
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
