package workbook.runner;

import java.time.Duration;
import java.util.List;

/**
 * What checking one exercise found.
 *
 * @param compileErrors set when the sources did not compile, each ready to print
 * @param failures      the failed tests, when it compiled
 * @param testsRun      how many tests ran
 * @param elapsed       compile plus test time
 */
public record Verdict(String exercise, Status status, List<String> compileErrors,
                      List<TestLauncher.Failure> failures, int testsRun, Duration elapsed) {

    public enum Status { PASSED, FAILED, DOES_NOT_COMPILE }

    static Verdict doesNotCompile(String exercise, List<String> errors, Duration elapsed) {
        return new Verdict(exercise, Status.DOES_NOT_COMPILE, errors, List.of(), 0, elapsed);
    }

    static Verdict ofTests(String exercise, TestLauncher.Outcome outcome, Duration elapsed) {
        if (outcome.testsRun() == 0 && outcome.failures().isEmpty()) {
            var none = new TestLauncher.Failure("(no test)", "no test was found: an exercise has classes named *Test with @Test methods");
            return new Verdict(exercise, Status.FAILED, List.of(), List.of(none), 0, elapsed);
        }
        var status = outcome.failures().isEmpty() ? Status.PASSED : Status.FAILED;
        return new Verdict(exercise, status, List.of(), outcome.failures(), outcome.testsRun(), elapsed);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
