package workbook.mutation;

import workbook.mutation.operators.Operators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import workbook.bench.KnownAnswers;
import workbook.runner.check.Verdict;
import workbook.runner.curriculum.Exercise;

/**
 * Concurrency mutation analysis of an exercise's tests: mutates the reference solution
 * ({@code solutions/<exercise>/}) and each right answer in another idiom
 * ({@code src/test/resources/right/<exercise>/<idiom>/}) with every {@link Operators operator}, and
 * checks each mutant with the runner's own engine, as the curriculum gate checks a wrong answer. A
 * mutant is written into a temporary folder that holds its answer's files with the one file
 * replaced, and checked in a worker JVM ({@link MutantWorkers}), so that threads a mutant left
 * hanging or spinning never slow down the mutants after it.
 *
 * <p>Every mutant is a small, plausible mistake, so the tests should fail it (kill it). One they
 * pass (a survivor) is a blind spot of the tests, or an equivalent mutant: a change that leaves the
 * answer correct, argued line by line in {@link EquivalentMutants}. A mutant that hangs fails at
 * the deadline of the test it hangs in, like any student answer.
 *
 * <p>{@code -Dworkbook.mutation.workers=N} checks N mutants at a time, each in a worker JVM of its
 * own (1 unless set). The results come in the order the mutants were generated either way. CI uses
 * 2: about half of a mutant's check is waiting (deadlines, timed waits, child JVMs), and the tests
 * are built to judge rightly on a loaded machine.
 */
public final class MutationAnalysis implements AutoCloseable {

    /**
     * How many more times a survivor no list names is checked before it counts as one. A mutant
     * that only some runs kill shows a test that catches it by luck; it is reported as "killed on
     * retry", so the weak test stays in sight, but it does not make the build fail one day and
     * pass the next.
     */
    private static final int RETRIES_OF_A_SURVIVOR = 2;

    public static final String SOLUTION = "solution";

    private final Path root;
    public static final String WORKERS_PROPERTY = "workbook.mutation.workers";

    private final List<MutantWorkers> workers;
    private final BlockingQueue<MutantWorkers> idle;
    private final ExecutorService checking;
    private final KnownAnswers known;
    private final MutantGenerator generator;

    public MutationAnalysis(Path root) {
        this(root, MutantGenerator.standard());
    }

    public MutationAnalysis(Path root, MutantGenerator generator) {
        this.root = root;
        int count = Math.max(1, Integer.getInteger(WORKERS_PROPERTY, 1));
        this.workers = IntStream.range(0, count).mapToObj(i -> new MutantWorkers(root)).toList();
        this.idle = new ArrayBlockingQueue<>(count, false, workers);
        this.checking = Executors.newFixedThreadPool(count, Thread.ofPlatform().daemon().name("mutant-check-", 1).factory());
        this.known = new KnownAnswers(root);
        this.generator = generator;
    }

    /** An answer to mutate: {@code solution} or the folder name of a right answer, and its folder. */
    public record Answer(String name, Path folder) {}

    public List<Answer> answers(Exercise exercise) {
        var answers = new ArrayList<Answer>();
        answers.add(new Answer(SOLUTION, exercise.solutionFolder(root)));
        for (var right : known.right(exercise)) {
            answers.add(new Answer(right.getFileName().toString(), right));
        }
        return answers;
    }

    /** Every mutant of every answer of the exercise, and the number of duplicates dropped. */
    public MutantGenerator.Generated mutants(Exercise exercise) {
        var mutants = new ArrayList<Mutant>();
        int duplicates = 0;
        for (var answer : answers(exercise)) {
            for (var file : implementationFiles(answer.folder())) {
                var generated = generator.generate(answer.name(), file.getFileName().toString(), read(file));
                mutants.addAll(generated.mutants());
                duplicates += generated.duplicates();
            }
        }
        return new MutantGenerator.Generated(List.copyOf(mutants), duplicates);
    }

    /**
     * Checks the mutants whose id {@code selected} accepts, telling {@code progress} each result as
     * it comes. The list of equivalent mutants is checked for stale lines only when every mutant ran.
     */
    public ExerciseReport analyse(Exercise exercise, Predicate<String> selected, boolean complete, Consumer<MutantResult> progress) {
        return analyse(exercise, selected, complete, false, progress);
    }

    /**
     * The build's check: every mutant, except those its list names as real bugs no test here can
     * force. Such a mutant may survive or be killed without changing the verdict, so running it
     * would only spend the build's time (a survivor runs every test to the end); it still counts
     * as generated, so that a stale line is found all the same. {@code bench/mutation-analysis}
     * runs them, so that an author sees when a new test starts to kill one.
     */
    public ExerciseReport analyseForBuild(Exercise exercise, Consumer<MutantResult> progress) {
        return analyse(exercise, id -> true, true, true, progress);
    }

    private ExerciseReport analyse(Exercise exercise, Predicate<String> selected, boolean complete, boolean skipUnforced,
            Consumer<MutantResult> progress) {
        var listed = EquivalentMutants.load(root, exercise.name());
        var generated = mutants(exercise);
        var folders = answers(exercise);
        var checks = new ArrayList<Future<MutantResult>>();
        var notRun = new LinkedHashSet<String>();
        for (var mutant : generated.mutants()) {
            if (!selected.test(mutant.id())) {
                continue;
            }
            if (skipUnforced && listed.listsAsUnforced(mutant.id())) {
                notRun.add(mutant.id());
                continue;
            }
            var answer = folders.stream().filter(a -> a.name().equals(mutant.answer())).findFirst().orElseThrow();
            checks.add(checking.submit(() -> judge(exercise, answer, mutant, listed.lists(mutant.id()))));
        }
        var results = new ArrayList<MutantResult>();
        for (var check : checks) {
            var result = resultOf(check);
            progress.accept(result);
            results.add(result);
        }
        return new ExerciseReport(exercise.name(), List.copyOf(results), Set.copyOf(notRun), generated.duplicates(), listed, complete);
    }

    /** The mutant's result; a survivor no list names is checked again before it counts as one. */
    private MutantResult judge(Exercise exercise, Answer answer, Mutant mutant, boolean listed) {
        var result = MutantResult.of(mutant, check(exercise, answer, mutant), listed);
        for (int retry = 1; retry <= RETRIES_OF_A_SURVIVOR && result.unlistedSurvivor(); retry++) {
            var again = check(exercise, answer, mutant);
            if (again.status() == Verdict.Status.FAILED) {
                result = MutantResult.of(mutant, again.killedOnRetry(retry), false);
            }
        }
        return result;
    }

    private static MutantResult resultOf(Future<MutantResult> check) {
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a mutant's check", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private MutantCheck check(Exercise exercise, Answer answer, Mutant mutant) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("workbook-mutant-");
            for (var file : implementationFiles(answer.folder())) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
            Files.writeString(folder.resolve(mutant.file()), mutant.source());
            var worker = idle.take();
            try {
                return worker.check(exercise, folder);
            } finally {
                idle.add(worker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a mutant worker", e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** Stops the worker JVMs. */
    @Override
    public void close() {
        checking.shutdownNow();
        workers.forEach(MutantWorkers::close);
    }

    private static List<Path> implementationFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java") && !Exercise.isTest(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless; the system cleans its temp space
        }
    }
}
