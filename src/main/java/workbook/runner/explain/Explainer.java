package workbook.runner.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jetbrains.lincheck.Lincheck;

import workbook.runner.check.ExerciseClassLoader;
import workbook.runner.check.ExerciseCompiler;
import workbook.runner.curriculum.Exercise;

/**
 * Runs an exercise's explain scenario under Lincheck's model checker, on the student's files as
 * they stand: compiled the way {@code check} compiles them, into a fresh folder, loaded by a fresh
 * child-first class loader.
 *
 * <p>The scenario is a class called {@code ExplainScenario} nested in one of the exercise's tests,
 * implementing {@link Runnable}: it builds the student's objects, runs two or more threads on them
 * with {@link ScenarioThreads}, and throws an {@link AssertionError} saying what went wrong when the
 * result is wrong. Lincheck explores the ways those threads can interleave, deterministically, and
 * stops at the first that makes the scenario throw (or deadlock).
 */
public final class Explainer {

    /** How many interleavings a clean run explores before it says none broke the code. */
    public static final int INVOCATIONS = 1_000;

    static final String SCENARIO_CLASS = "ExplainScenario";

    private final Path root;
    private final ExerciseCompiler compiler;

    public Explainer(Path root) {
        this.root = root;
        this.compiler = new ExerciseCompiler(root);
    }

    /** What an explain run found. */
    public sealed interface Outcome {
        Duration elapsed();
    }

    /** The sources do not compile: the same errors {@code check} prints. */
    public record DoesNotCompile(List<String> errors, Duration elapsed) implements Outcome {}

    /** The exercise has no explain scenario. */
    public record NoScenario(Duration elapsed) implements Outcome {}

    /** No interleaving of the {@code invocations} explored broke the scenario. */
    public record Clean(int invocations, Duration elapsed) implements Outcome {}

    /** An interleaving broke the scenario; {@code report} is Lincheck's account of it. */
    public record Broken(String report, Duration elapsed) implements Outcome {}

    public Outcome explain(Exercise exercise) {
        return explain(exercise, INVOCATIONS);
    }

    public Outcome explain(Exercise exercise, int invocations) {
        long start = System.nanoTime();
        var output = newOutputFolder(exercise);
        try {
            var compilation = compiler.compile(exercise.sources(root), output);
            if (!compilation.succeeded()) {
                return new DoesNotCompile(compilation.errors(), since(start));
            }
            var scenarioName = scenarioClassName(output);
            if (scenarioName.isEmpty()) {
                return new NoScenario(since(start));
            }
            try (var loader = new ExerciseClassLoader(output, Explainer.class.getClassLoader());
                 var shown = LincheckClassCache.showing(output, loader)) {
                var scenario = newScenario(loader, scenarioName.get());
                var console = Console.silenced();
                try {
                    Lincheck.runConcurrentTest(invocations, scenario);
                    return new Clean(invocations, since(start));
                } catch (AssertionError found) {
                    return new Broken(String.valueOf(found.getMessage()), since(start));
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

    private static Optional<String> scenarioClassName(Path output) throws IOException {
        try (Stream<Path> files = Files.walk(output)) {
            return files.map(f -> output.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "."))
                    .filter(name -> name.endsWith("$" + SCENARIO_CLASS + ".class"))
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

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
