package workbook.mutation;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import workbook.runner.check.Checker;
import workbook.runner.check.TestLauncher;
import workbook.runner.curriculum.Curriculum;

/**
 * The JVM that checks mutants, one after another, for {@link MutantWorkers}: reads a request per
 * line on its standard input ({@code <exercise> TAB <folder of replacement files>}), checks it with
 * the runner's engine, up to the first failing test (one is enough to kill a mutant), and answers with one line, {@code RESULT TAB} and a {@link MutantCheck}.
 *
 * <p>A mutant that hangs fails at a test's deadline, but the threads it hung cannot be stopped:
 * a thread spinning in a loop whose {@code wait()} was removed would keep a core busy for every
 * mutant after it, and make their races and budgets wrong. The checker interrupts the threads a
 * check left and names those that outlive it ({@link workbook.runner.check.LeftoverThreads}); when
 * one of them is still in exercise code, the worker says so in its answer and exits, and a fresh
 * worker checks the next mutant. (An idle pool worker, parked in JDK code, costs no core: the
 * worker keeps going.) What the exercise code prints is thrown away: the
 * answers have the standard output to themselves.
 */
public final class MutantWorker {

    static final String ANSWER = "RESULT\t";

    private MutantWorker() {}

    public static void main(String[] args) throws Exception {
        var root = Path.of(args[0]);
        var answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        var nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        var curriculum = Curriculum.load();
        var checker = new Checker(root);
        var requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (var request = requests.readLine(); request != null; request = requests.readLine()) {
            var fields = request.split("\t", 2);
            var exercise = curriculum.find(fields[0]).orElseThrow();
            var verdict = checker.check(exercise, Path.of(fields[1]), true);
            boolean leftThreads = verdict.leftovers().stream().anyMatch(thread -> thread.frame().isPresent());
            var failedTest = verdict.failures().stream().map(MutantWorker::testAndMessageStart).findFirst().orElse("");
            boolean endedByTimeout = verdict.failures().stream()
                    .anyMatch(f -> f.message() != null && f.message().contains("did not finish within its deadline"));
            answers.println(ANSWER + new MutantCheck(verdict.status(), verdict.elapsed(), failedTest, endedByTimeout, leftThreads).encode());
            if (leftThreads) {
                System.exit(0);
            }
        }
    }

    /**
     * The failed test and the start of what it said (its first two lines: a message may begin with
     * the context before the cause), so that a kill read in a CI log can be judged without a rerun.
     */
    private static String testAndMessageStart(TestLauncher.Failure failure) {
        var start = failure.message() == null ? "" : String.join(" / ", failure.message().strip().lines().limit(2).toList());
        return start.isEmpty() ? failure.test() : failure.test() + ": " + (start.length() > 400 ? start.substring(0, 400) + "…" : start);
    }
}
