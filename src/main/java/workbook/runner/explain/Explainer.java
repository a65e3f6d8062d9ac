package workbook.runner.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import workbook.runner.curriculum.Exercise;
import workbook.testkit.ChildJvm;

/**
 * Explains an exercise: runs its explain scenario under Lincheck's model checker, on the student's
 * files as they stand (or on the files of another answer), and says what it found.
 *
 * <p>The scenario is a class called {@code ExplainScenario} nested in one of the exercise's tests,
 * implementing {@link Runnable}: it builds the student's objects, runs two or more threads on them
 * with {@link ScenarioThreads}, and throws an {@link AssertionError} saying what went wrong when the
 * result is wrong. The student never needs to read it.
 *
 * <p>Each run gets a JVM of its own ({@link ExplainRun} says why), which costs a JVM start and keeps
 * a deadlocked scenario's stuck threads out of the runner.
 */
public final class Explainer {

    static final String SCENARIO_CLASS = "ExplainScenario";

    /** A run that takes longer than this is stopped, and says so; Lincheck's own runs take seconds. */
    static final Duration DEADLINE = Duration.ofSeconds(120);

    /** What kind of thing a run found. */
    public enum Kind { DOES_NOT_COMPILE, NO_SCENARIO, CLEAN, BROKEN, OUT_OF_TIME }

    /**
     * What an explain run found.
     *
     * @param compileErrors when it does not compile, each ready to print
     * @param report        when broken, Lincheck's account of the interleaving
     * @param invocations   how many interleavings a clean run explored at most
     * @param elapsed       the whole run, JVM start included
     */
    public record Outcome(Kind kind, List<String> compileErrors, String report, int invocations, Duration elapsed) {}

    private final Path root;

    public Explainer(Path root) {
        this.root = root;
    }

    /** Whether one of the exercise's tests holds an explain scenario, as its source reads now. */
    public static boolean hasScenario(Exercise exercise, Path root) {
        for (var file : exercise.sources(root)) {
            try {
                if (Exercise.isTest(file) && Files.readString(file).contains("class " + SCENARIO_CLASS + " ")) {
                    return true;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** Explains the exercise as it stands in {@code exercises/}. */
    public Outcome explain(Exercise exercise) {
        return explain(exercise, exercise.folder(root));
    }

    /** Explains the exercise with the implementation files in {@code replacements}, swapped in as the checker does. */
    public Outcome explain(Exercise exercise, Path replacements) {
        if (!hasScenario(exercise, root)) {
            return new Outcome(Kind.NO_SCENARIO, List.of(), "", 0, Duration.ZERO);
        }
        var run = ChildJvm.run(List.of("-XX:+EnableDynamicAgentLoading", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto", "-Dworkbook.home=" + root),
                ExplainRun.class, DEADLINE, root.toString(), exercise.name(), replacements.toAbsolutePath().toString());
        if (run.killedAtDeadline()) {
            return new Outcome(Kind.OUT_OF_TIME, List.of(), "", 0, run.elapsed());
        }
        int marker = run.stdout().indexOf(ExplainRun.OUTCOME_MARKER);
        if (marker < 0) {
            throw new IllegalStateException("The explain run ended without an outcome. " + run.describe());
        }
        var found = run.stdout().substring(marker + ExplainRun.OUTCOME_MARKER.length() + 1);
        int endOfKind = found.indexOf('\n');
        var kind = Kind.valueOf(found.substring(0, endOfKind).strip());
        var text = found.substring(endOfKind + 1);
        var errors = kind == Kind.DOES_NOT_COMPILE ? List.of(text.split(Pattern.quote(ExplainRun.ERROR_SEPARATOR))) : List.<String>of();
        return new Outcome(kind, errors, kind == Kind.BROKEN ? text : "", ExplainRun.INVOCATIONS, run.elapsed());
    }
}
