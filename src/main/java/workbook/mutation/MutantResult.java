package workbook.mutation;

import java.time.Duration;

/**
 * What the exercise's tests said about one mutant.
 *
 * @param outcome    KILLED (the tests failed it), SURVIVED (they passed it) or STILLBORN (it does not
 *                   compile, so it says nothing about the tests: counted, never killed)
 * @param equivalent whether the exercise's list of equivalent mutants names it
 * @param check      what the check found: its time, and the test that killed it
 */
public record MutantResult(Mutant mutant, Outcome outcome, boolean equivalent, MutantCheck check) {

    public enum Outcome { KILLED, SURVIVED, STILLBORN }

    static MutantResult of(Mutant mutant, MutantCheck check, boolean equivalent) {
        var outcome = switch (check.status()) {
            case PASSED -> Outcome.SURVIVED;
            case FAILED -> Outcome.KILLED;
            case DOES_NOT_COMPILE -> Outcome.STILLBORN;
        };
        return new MutantResult(mutant, outcome, equivalent, check);
    }

    /** The whole check: compile and tests. */
    public Duration elapsed() {
        return check.elapsed();
    }

    /** A survivor nobody argued is equivalent: a blind spot of the tests. */
    public boolean unlistedSurvivor() {
        return outcome == Outcome.SURVIVED && !equivalent;
    }
}
