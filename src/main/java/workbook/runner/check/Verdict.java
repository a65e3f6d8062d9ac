package workbook.runner.check;

import java.time.Duration;
import java.util.List;

/**
 * What checking one exercise found.
 *
 * @param compileErrors set when the sources did not compile, each ready to print
 * @param failures      the failed tests, when it compiled
 * @param testTimes     each test that ran, with how long it took
 * @param elapsed       the whole check: compile, discovery, launch and the tests
 * @param leftovers     the threads the check started that were still alive after its tests, and
 *                      after an interrupt and a short grace: they run on, in this JVM
 */
public record Verdict(String exercise, Status status, List<String> compileErrors,
                      List<TestLauncher.Failure> failures, List<TestLauncher.TestTime> testTimes, Duration elapsed,
                      List<LeftoverThreads.Leftover> leftovers) {

    public enum Status { PASSED, FAILED, DOES_NOT_COMPILE }

    static Verdict doesNotCompile(String exercise, List<String> errors, Duration elapsed) {
        return new Verdict(exercise, Status.DOES_NOT_COMPILE, errors, List.of(), List.of(), elapsed, List.of());
    }

    static Verdict ofTests(String exercise, TestLauncher.Outcome outcome, List<LeftoverThreads.Leftover> leftovers, Duration elapsed) {
        if (outcome.testsRun() == 0 && outcome.failures().isEmpty()) {
            var none = new TestLauncher.Failure("(no test)", "no test was found: an exercise has classes named *Test with @Test methods");
            return new Verdict(exercise, Status.FAILED, List.of(), List.of(none), List.of(), elapsed, leftovers);
        }
        var status = outcome.failures().isEmpty() ? Status.PASSED : Status.FAILED;
        return new Verdict(exercise, status, List.of(), outcome.failures(), outcome.testTimes(), elapsed, leftovers);
    }

    public int testsRun() {
        return testTimes.size();
    }

    /** The part of the check spent inside test methods. */
    public Duration timeInTests() {
        return testTimes.stream().map(TestLauncher.TestTime::took).reduce(Duration.ZERO, Duration::plus);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** Whether threads the check started were still alive after it, even once interrupted. */
    public boolean leftThreads() {
        return !leftovers.isEmpty();
    }

    /** Whether some of them still use the CPU: in a JVM that goes on checking, they take its cores. */
    public boolean leftBusyThreads() {
        return leftovers.stream().anyMatch(LeftoverThreads.Leftover::busy);
    }
}
