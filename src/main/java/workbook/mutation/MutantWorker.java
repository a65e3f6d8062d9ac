package workbook.mutation;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

import workbook.runner.check.Checker;
import workbook.runner.curriculum.Curriculum;

/**
 * The JVM that checks mutants, one after another, for {@link MutantWorkers}: reads a request per
 * line on its standard input ({@code <exercise> TAB <folder of replacement files>}), checks it with
 * the runner's engine, up to the first failing test (one is enough to kill a mutant), and answers with one line, {@code RESULT TAB} and a {@link MutantCheck}.
 *
 * <p>A mutant that hangs fails at a test's deadline, but the threads it hung cannot be stopped:
 * a thread spinning in a loop whose {@code wait()} was removed would keep a core busy for every
 * mutant after it, and make their races and budgets wrong. So after each check the worker looks
 * for threads still running exercise code; when it finds one it says so in its answer and exits,
 * and a fresh worker checks the next mutant. What the exercise code prints is thrown away: the
 * answers have the standard output to themselves.
 */
public final class MutantWorker {

    static final String ANSWER = "RESULT\t";
    private static final Pattern EXERCISE_CLASS = Pattern.compile("l\\d\\d[a-z]?_\\w+\\..*");
    private static final Duration GRACE = Duration.ofMillis(500);

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
            var before = liveThreads();
            var verdict = checker.check(exercise, Path.of(fields[1]), true);
            boolean leftThreads = exerciseThreadsLeft(before);
            var failedTest = verdict.failures().stream().map(f -> f.test()).findFirst().orElse("");
            boolean endedByTimeout = verdict.failures().stream()
                    .anyMatch(f -> f.message() != null && f.message().contains("did not finish within its deadline"));
            answers.println(ANSWER + new MutantCheck(verdict.status(), verdict.elapsed(), failedTest, endedByTimeout, leftThreads).encode());
            if (leftThreads) {
                System.exit(0);
            }
        }
    }

    private static Set<Thread> liveThreads() {
        var threads = Collections.newSetFromMap(new IdentityHashMap<Thread, Boolean>());
        threads.addAll(Thread.getAllStackTraces().keySet());
        return threads;
    }

    /** Whether a thread started since {@code before} still runs exercise code after a short grace to finish. */
    private static boolean exerciseThreadsLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (true) {
            boolean any = Thread.getAllStackTraces().entrySet().stream()
                    .anyMatch(e -> !before.contains(e.getKey()) && e.getKey().isAlive() && runsExerciseCode(e.getValue()));
            if (!any || System.nanoTime() > deadline) {
                return any;
            }
            Thread.sleep(20);
        }
    }

    private static boolean runsExerciseCode(StackTraceElement[] stack) {
        for (var frame : stack) {
            if (EXERCISE_CLASS.matcher(frame.getClassName()).matches()) {
                return true;
            }
        }
        return false;
    }
}
