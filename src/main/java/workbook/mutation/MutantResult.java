package workbook.mutation;

import java.time.Duration;

import workbook.runner.Verdict;

/**
 * What the exercise's tests said about one mutant.
 *
 * @param outcome    KILLED (the tests failed it), SURVIVED (they passed it) or STILLBORN (it does not
 *                   compile, so it says nothing about the tests: counted, never killed)
 * @param equivalent whether the exercise's list of equivalent mutants names it
 * @param elapsed    the whole check: compile and tests
 * @param verdict    the runner's verdict, for the failure that killed it
 */
public record MutantResult(Mutant mutant, Outcome outcome, boolean equivalent, Duration elapsed, Verdict verdict) {

    public enum Outcome { KILLED, SURVIVED, STILLBORN }

    static MutantResult of(Mutant mutant, Verdict verdict, boolean equivalent) {
        var outcome = switch (verdict.status()) {
            case PASSED -> Outcome.SURVIVED;
            case FAILED -> Outcome.KILLED;
            case DOES_NOT_COMPILE -> Outcome.STILLBORN;
        };
        return new MutantResult(mutant, outcome, equivalent, verdict.elapsed(), verdict);
    }

    /** A survivor nobody argued is equivalent: a blind spot of the tests. */
    public boolean unlistedSurvivor() {
        return outcome == Outcome.SURVIVED && !equivalent;
    }
}
