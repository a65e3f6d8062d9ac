package workbook.runner.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

import workbook.runner.curriculum.Exercise;

/**
 * Checks an exercise: compiles its sources on their own and runs its tests, all in this JVM.
 *
 * <p>The same engine serves the student ({@code ./workbook check}) and the curriculum gate, which
 * swaps the stub for the reference solution or for a known wrong answer. Swapping works file by
 * file: the exercise's tests stay, and each implementation file found in the replacement folder
 * takes the place of the file with the same name.
 *
 * <p>Every check compiles into a fresh folder and loads the classes with a fresh class loader, so a
 * saved edit is always what runs, and two versions of one class never meet.
 *
 * <p>Threads the tests started that are still alive after them are interrupted and, when they
 * outlive a short grace too, named in the verdict ({@link LeftoverThreads}): the JVM cannot stop
 * them, so whoever goes on checking in it must know they take its cores.
 */
public final class Checker {

    private final Path root;
    private final ExerciseCompiler compiler;
    private final TestLauncher launcher = new TestLauncher();

    /** How long threads left after the tests get to end once interrupted: a thread that honours interrupts ends in microseconds. */
    static final Duration LEFTOVER_GRACE = Duration.ofMillis(200);

    public Checker(Path root) {
        this.root = root;
        this.compiler = new ExerciseCompiler(root);
    }

    /** Checks the exercise as it stands in {@code exercises/}. */
    public Verdict check(Exercise exercise) {
        return check(exercise, exercise.folder(root));
    }

    /** Checks the exercise's tests against the implementation files in {@code replacements}. */
    public Verdict check(Exercise exercise, Path replacements) {
        return check(exercise, replacements, false);
    }

    /**
     * Checks as {@link #check(Exercise, Path)} does; with {@code stopAtFirstFailure}, the tests after
     * the first failure are skipped, which is all a mutant's verdict needs.
     */
    public Verdict check(Exercise exercise, Path replacements, boolean stopAtFirstFailure) {
        long start = System.nanoTime();
        var output = newOutputFolder(exercise);
        try {
            var compilation = compiler.compile(sourcesWith(exercise, root, replacements), output);
            if (!compilation.succeeded()) {
                return Verdict.doesNotCompile(exercise.name(), compilation.errors(), since(start));
            }
            try (var loader = new ExerciseClassLoader(output, Checker.class.getClassLoader())) {
                // An exercise's classes are in the package named after it.
                var threads = LeftoverThreads.since(exercise.name(), loader);
                var outcome = launcher.run(testClasses(output, loader), loader, stopAtFirstFailure);
                var leftovers = threads.stopOrName(LEFTOVER_GRACE);
                return Verdict.ofTests(exercise.name(), outcome, leftovers, since(start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the threads left by checking " + exercise.name() + " were asked to stop", e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The compile errors of the exercise as it stands, or an empty list when it compiles. */
    public List<String> compileErrors(Exercise exercise) {
        var output = newOutputFolder(exercise);
        try {
            return compiler.compile(exercise.sources(root), output).errors();
        } finally {
            deleteQuietly(output);
        }
    }

    /**
     * The exercise's sources with each implementation file found in {@code replacements} taking the
     * place of the file of the same name; its tests stay.
     */
    public static List<Path> sourcesWith(Exercise exercise, Path root, Path replacements) {
        var byName = new LinkedHashMap<String, Path>();
        for (var file : exercise.sources(root)) {
            byName.put(file.getFileName().toString(), file);
        }
        for (var file : Exercise.javaFilesIn(replacements)) {
            if (!Exercise.isTest(file)) {
                byName.put(file.getFileName().toString(), file);
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<Class<?>> testClasses(Path output, ClassLoader loader) throws IOException {
        var classes = new ArrayList<Class<?>>();
        try (Stream<Path> files = Files.walk(output)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith("Test.class")).sorted().toList()) {
                var name = output.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                try {
                    classes.add(loader.loadClass(name.substring(0, name.length() - ".class".length())));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("compiled " + file + " but cannot load it", e);
                }
            }
        }
        return classes;
    }

    private static Path newOutputFolder(Exercise exercise) {
        try {
            return Files.createTempDirectory("workbook-" + exercise.name() + "-");
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
