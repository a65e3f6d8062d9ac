package workbook.mutation;

import java.time.Duration;

import workbook.runner.check.Verdict;

/**
 * What checking one mutant found, as the worker JVM reports it.
 *
 * @param status         the runner's verdict: passed, failed or does not compile
 * @param elapsed        the whole check: compile and tests
 * @param failedTest     the first test that failed, or empty
 * @param endedByTimeout whether a test failed only because JUnit's timeout ended it, rather than
 *                       by a deadline and a diagnosis of its own
 * @param leftThreads    whether threads running exercise code were still alive after the check, so
 *                       that the worker had to be replaced
 */
public record MutantCheck(Verdict.Status status, Duration elapsed, String failedTest, boolean endedByTimeout, boolean leftThreads) {

    private static final String ON_RETRY = "on retry ";

    /** The same check, noted as the retry that killed a mutant the first check let pass. */
    MutantCheck killedOnRetry(int retry) {
        return new MutantCheck(status, elapsed, ON_RETRY + retry + ": " + failedTest, endedByTimeout, leftThreads);
    }

    /** True when this kill came only on a retry: the tests catch the mutant some of the time. */
    public boolean killedOnlyOnRetry() {
        return failedTest.startsWith(ON_RETRY);
    }

    /** One line, for the worker's reply. */
    String encode() {
        return String.join("\t", status.name(), Long.toString(elapsed.toNanos()), failedTest.replaceAll("[\\t\\r\\n]", " "),
                Boolean.toString(endedByTimeout), Boolean.toString(leftThreads));
    }

    static MutantCheck decode(String line) {
        var fields = line.split("\t", -1);
        return new MutantCheck(Verdict.Status.valueOf(fields[0]), Duration.ofNanos(Long.parseLong(fields[1])), fields[2],
                Boolean.parseBoolean(fields[3]), Boolean.parseBoolean(fields[4]));
    }
}
