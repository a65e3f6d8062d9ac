package workbook.runner.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.jetbrains.lincheck.Lincheck;

import workbook.runner.check.Checker;
import workbook.runner.check.ExerciseClassLoader;
import workbook.runner.check.ExerciseCompiler;
import workbook.runner.curriculum.Curriculum;
import workbook.runner.curriculum.Exercise;

/**
 * One explain run inside this JVM: compiles the exercise's files the way {@code check} does, into a
 * fresh folder, loads them with a fresh child-first class loader, and runs its explain scenario
 * under Lincheck's model checker, which explores the ways the scenario's threads can interleave,
 * deterministically, and stops at the first that makes the scenario throw or get stuck. In the
 * second mode it runs the exercise's wake-up scenario instead, on real threads, through the
 * {@link WakeUpRecorder}.
 *
 * <p>Only the first run in a JVM can be believed: Lincheck 3.7 remembers by name which classes it
 * has instrumented, so a second run, on a new build of the same classes, can explore code it no
 * longer sees and pass a racy answer (bench/RESULTS.md); and a deadlocked run leaves its threads
 * stuck for good. {@link Explainer} therefore gives every run a JVM of its own ({@link #main}).
 */
final class ExplainRun {

    /** How many interleavings a clean run explores at most before it says none broke the code. */
    static final int INVOCATIONS = 1_000;

    /** The line after which the child JVM writes the outcome, so that nothing printed before it is misread. */
    static final String OUTCOME_MARKER = "=== workbook explain outcome ===";

    /** Between two compile errors in the outcome text (an error spans several lines). */
    static final String ERROR_SEPARATOR = "\n--- next compile error ---\n";

    private ExplainRun() {}

    /** Which of an exercise's scenarios a run runs. */
    enum Mode {
        /** The {@code ExplainScenario}, under Lincheck's model checker. */
        INTERLEAVINGS(Explainer.SCENARIO_CLASS),
        /** The {@code WakeUpScenario}, on real threads, watched for a lost wake-up. */
        WAKE_UPS(Explainer.WAKE_UP_SCENARIO_CLASS);

        final String scenarioClass;

        Mode(String scenarioClass) {
            this.scenarioClass = scenarioClass;
        }
    }

    /** {@code ExplainRun ROOT EXERCISE REPLACEMENTS MODE}: one run, its outcome written to standard output. */
    public static void main(String[] args) {
        var root = Path.of(args[0]);
        var exercise = Curriculum.load().find(args[1]).orElseThrow(() -> new IllegalArgumentException("no exercise " + args[1]));
        var outcome = run(root, exercise, Path.of(args[2]), Mode.valueOf(args[3]));
        System.out.println(OUTCOME_MARKER);
        System.out.println(outcome.kind());
        System.out.print(outcome.text());
        System.out.flush();
        System.exit(0);
    }

    /** What one run found: its kind and the text that goes with it (compile errors, Lincheck's report). */
    record Found(Explainer.Kind kind, String text) {}

    static Found run(Path root, Exercise exercise, Path replacements, Mode mode) {
        var output = newOutputFolder(exercise);
        try {
            var compilation = new ExerciseCompiler(root).compile(Checker.sourcesWith(exercise, root, replacements), output);
            if (!compilation.succeeded()) {
                return new Found(Explainer.Kind.DOES_NOT_COMPILE, String.join(ERROR_SEPARATOR, compilation.errors()));
            }
            var scenarioName = scenarioClassName(output, mode.scenarioClass);
            if (scenarioName.isEmpty()) {
                return new Found(Explainer.Kind.NO_SCENARIO, "");
            }
            if (mode == Mode.WAKE_UPS) {
                try (var loader = new ExerciseClassLoader(output, ExplainRun.class.getClassLoader())) {
                    var found = new WakeUpRecorder(exercise.name()).run(newScenario(loader, scenarioName.get()));
                    if (found.stall().isPresent()) {
                        return new Found(Explainer.Kind.LOST_WAKE_UP, found.stall().get().format());
                    }
                    if (found.unfinished().isPresent()) {
                        return new Found(Explainer.Kind.UNFINISHED_IN_A_REAL_RUN, found.unfinished().get().format());
                    }
                    return found.wrongResult().map(message -> new Found(Explainer.Kind.WRONG_IN_A_REAL_RUN, message))
                            .orElse(new Found(Explainer.Kind.CLEAN, ""));
                }
            }
            try (var loader = new ExerciseClassLoader(output, ExplainRun.class.getClassLoader());
                 var shown = LincheckClassCache.showing(output, loader)) {
                var scenario = newScenario(loader, scenarioName.get());
                var console = Console.silenced();
                try {
                    Lincheck.runConcurrentTest(INVOCATIONS, scenario);
                    return new Found(Explainer.Kind.CLEAN, "");
                } catch (AssertionError found) {
                    return new Found(Explainer.Kind.BROKEN, String.valueOf(found.getMessage()));
                } finally {
                    console.restore();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static Runnable newScenario(ClassLoader loader, String name) {
        try {
            var type = loader.loadClass(name);
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Runnable) constructor.newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(name + " must be a Runnable with a constructor that takes no arguments", e);
        }
    }

    private static Optional<String> scenarioClassName(Path output, String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.map(f -> output.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .filter(name -> name.endsWith("$" + simpleName + ".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()))
                    .sorted()
                    .findFirst();
        }
    }

    private static Path newOutputFolder(Exercise exercise) {
        try {
            return Files.createTempDirectory("workbook-explain-" + exercise.name() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless; the system cleans its temp space
        }
    }

}
