package workbook.mutation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mutation analysis of one exercise: every mutant's result, and what is wrong with the list of
 * equivalent mutants, if anything.
 *
 * @param notRun     the ids of mutants generated but not run: in the build's check, those listed as
 *                   real bugs no test here can force (see {@link MutationAnalysis#analyseForBuild})
 * @param duplicates how many mutants were dropped as the same code as the original or as another mutant
 * @param complete   whether every mutant was run (not a filtered run), so that the list could be
 *                   checked for entries that no longer match a surviving mutant
 */
public record ExerciseReport(String exercise, List<MutantResult> results, Set<String> notRun, int duplicates, EquivalentMutants listed, boolean complete) {

    public long count(MutantResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Listed survivors that behave correctly. */
    public long equivalent() {
        return results.stream().filter(r -> r.outcome() == MutantResult.Outcome.SURVIVED && r.equivalent()
                && !listed.listsAsUnforced(r.mutant().id())).count();
    }

    /** Listed survivors that are real bugs only a lucky interleaving shows (see {@link EquivalentMutants}). */
    public long unforced() {
        return results.stream().filter(r -> r.outcome() == MutantResult.Outcome.SURVIVED
                && listed.listsAsUnforced(r.mutant().id())).count();
    }

    public List<MutantResult> unlistedSurvivors() {
        return results.stream().filter(MutantResult::unlistedSurvivor).toList();
    }

    public Optional<MutantResult> slowestKill() {
        return results.stream().filter(r -> r.outcome() == MutantResult.Outcome.KILLED).max(Comparator.comparing(MutantResult::elapsed));
    }

    public Duration elapsed() {
        return results.stream().map(MutantResult::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The list's errors: a malformed line; an id listed as equivalent whose mutant the tests killed
     * (then the tests reject an answer the list calls correct, or the line is wrong; a real bug
     * listed as one no test can force may be killed now and then) or that does not compile; and,
     * in a complete run, an id no longer generated.
     */
    public List<String> listProblems() {
        var problems = new ArrayList<String>();
        var where = listed.file().getFileName();
        listed.malformed().forEach(line -> problems.add(where + ": not an entry '- <id>: <reason>': " + line));
        for (var result : results) {
            if (result.equivalent() && result.outcome() == MutantResult.Outcome.KILLED
                    && !listed.listsAsUnforced(result.mutant().id())) {
                problems.add(where + ": " + result.mutant().id() + " is listed as equivalent, but the tests kill it (" + result.check().failedTest()
                        + "): either the tests reject a correct answer, or the line is wrong");
            } else if (result.equivalent() && result.outcome() == MutantResult.Outcome.STILLBORN) {
                problems.add(where + ": " + result.mutant().id() + " is listed as equivalent, but it does not compile: remove the line");
            }
        }
        if (complete) {
            Set<String> generated = results.stream().map(r -> r.mutant().id()).collect(Collectors.toCollection(HashSet::new));
            generated.addAll(notRun);
            listed.entries().keySet().stream().filter(id -> !generated.contains(id))
                    .forEach(id -> problems.add(where + ": " + id + " is listed, but no such mutant is generated any more (stale line): remove it"));
        }
        return problems;
    }

    public boolean passed() {
        return unlistedSurvivors().isEmpty() && listProblems().isEmpty();
    }
}
