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
 * <p>An exercise where {@code notify()} can wake the wrong thread may also have a
 * {@code WakeUpScenario} ({@link #WAKE_UP_SCENARIO_CLASS}), run on real threads when no
 * interleaving broke the answer, or alone when it is the exercise's only scenario.
 *
 * <p>Each run gets a JVM of its own ({@link ExplainRun} says why), which costs a JVM start and keeps
 * a deadlocked scenario's stuck threads out of the runner.
 */
public final class Explainer {

    static final String SCENARIO_CLASS = "ExplainScenario";

    /**
     * A second scenario, for exercises where {@code notify()} can wake the wrong thread: run on real
     * threads and watched for a stall ({@link WakeUpRecorder}), because Lincheck cannot show it.
     * Like {@link #SCENARIO_CLASS}, a {@link Runnable} nested in one of the exercise's tests, whose
     * threads are started with {@link ScenarioThreads} and named with {@link ScenarioThreads#named}.
     */
    static final String WAKE_UP_SCENARIO_CLASS = "WakeUpScenario";

    /** A run that takes longer than this is stopped, and says so; Lincheck's own runs take seconds. */
    static final Duration DEADLINE = Duration.ofSeconds(120);

    /** What kind of thing a run found. */
    public enum Kind { DOES_NOT_COMPILE, NO_SCENARIO, CLEAN, BROKEN, LOST_WAKE_UP, WRONG_IN_A_REAL_RUN, UNFINISHED_IN_A_REAL_RUN, OUT_OF_TIME }

    /**
     * What an explain run found.
     *
     * @param compileErrors when it does not compile, each ready to print
     * @param report        when broken, Lincheck's account of the interleaving; when a wake-up was
     *                      lost, or a real run did not finish, the {@link WakeUpAccount}'s text; when a
     *                      real run ended wrong, what the wake-up scenario said
     * @param invocations   how many interleavings a clean run explored at most; 0 when the exercise
     *                      has only a wake-up scenario
     * @param wakeUpsWatched whether a clean run also ran the wake-up scenario on real threads
     * @param elapsed       the whole run, JVM starts included
     */
    public record Outcome(Kind kind, List<String> compileErrors, String report, int invocations, boolean wakeUpsWatched, Duration elapsed) {}

    private final Path root;

    public Explainer(Path root) {
        this.root = root;
    }

    /** Whether one of the exercise's tests holds an explain scenario of either kind, as its source reads now. */
    public static boolean hasScenario(Exercise exercise, Path root) {
        return testsDeclare(exercise, root, SCENARIO_CLASS) || testsDeclare(exercise, root, WAKE_UP_SCENARIO_CLASS);
    }

    private static boolean testsDeclare(Exercise exercise, Path root, String scenarioClass) {
        for (var file : exercise.sources(root)) {
            try {
                if (Exercise.isTest(file) && Files.readString(file).contains("class " + scenarioClass + " ")) {
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

    /**
     * Explains the exercise with the implementation files in {@code replacements}, swapped in as the
     * checker does: its interleavings under Lincheck first, then, if none broke it, its wake-ups.
     */
    public Outcome explain(Exercise exercise, Path replacements) {
        boolean interleavings = testsDeclare(exercise, root, SCENARIO_CLASS);
        boolean wakeUps = testsDeclare(exercise, root, WAKE_UP_SCENARIO_CLASS);
        if (!interleavings && !wakeUps) {
            return new Outcome(Kind.NO_SCENARIO, List.of(), "", 0, false, Duration.ZERO);
        }
        var first = interleavings ? run(exercise, replacements, ExplainRun.Mode.INTERLEAVINGS, ExplainRun.INVOCATIONS) : null;
        if (first != null && (first.kind() != Kind.CLEAN || !wakeUps)) {
            return first;
        }
        var second = run(exercise, replacements, ExplainRun.Mode.WAKE_UPS, 0);
        var elapsed = second.elapsed().plus(first == null ? Duration.ZERO : first.elapsed());
        return new Outcome(second.kind(), second.compileErrors(), second.report(), first == null ? 0 : first.invocations(),
                second.kind() == Kind.CLEAN, elapsed);
    }

    private Outcome run(Exercise exercise, Path replacements, ExplainRun.Mode mode, int invocations) {
        var run = ChildJvm.run(List.of("-XX:+EnableDynamicAgentLoading", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto", "-Dworkbook.home=" + root),
                ExplainRun.class, DEADLINE, root.toString(), exercise.name(), replacements.toAbsolutePath().toString(), mode.name());
        if (run.killedAtDeadline()) {
            return new Outcome(Kind.OUT_OF_TIME, List.of(), "", 0, false, run.elapsed());
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
        var report = kind == Kind.BROKEN || kind == Kind.LOST_WAKE_UP || kind == Kind.WRONG_IN_A_REAL_RUN || kind == Kind.UNFINISHED_IN_A_REAL_RUN ? text : "";
        return new Outcome(kind, errors, report, invocations, false, run.elapsed());
    }
}
