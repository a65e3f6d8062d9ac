package workbook.runner.explain;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import workbook.runner.check.Checker;
import workbook.runner.curriculum.Exercise;
import workbook.runner.report.Style;
import workbook.testkit.Durations;

/**
 * Prints what an explain run found, short enough for one screen: the steps the threads took in the
 * student's own files, each with its thread, {@code File.java:N}, the text of that line and what it
 * read, wrote, locked or waited for; the steps elsewhere (the scenario, the JDK) folded into one line
 * per stretch; then the wrong result. Consecutive steps of one thread on one line share a row. A lost
 * wake-up from a real run is told as its last wake-ups and where each thread waits ({@link WakeUpAccount}).
 */
public final class TracePrinter {

    /** The thread Lincheck runs the scenario itself in; its steps before the workers start only build objects. */
    static final String SCENARIO_THREAD = "Main Thread";

    /** Rows of trace at most; a longer trace ends with how many rows were left out. */
    static final int MAX_ROWS = 40;

    /** A call on a numbered object: its class, then {@code #N.method(}. */
    private static final Pattern STUDENT_CALL = Pattern.compile("^([\\w$]+)#\\d+\\.[\\w$<>]+\\(.*");

    private final PrintWriter out;
    private final Path root;

    public TracePrinter(PrintWriter out, Path root) {
        this.out = out;
        this.root = root;
    }

    /** Prints {@code outcome} of the exercise as it stands; returns the exit code: 1 when broken or not compiling, else 0. */
    public int print(Exercise exercise, Explainer.Outcome outcome) {
        return print(exercise, outcome, exercise.folder(root));
    }

    /**
     * Prints {@code outcome} of a run on the implementation files in {@code replacements} (swapped in
     * as {@link Explainer#explain(Exercise, Path)} does), quoting the lines of those files.
     */
    public int print(Exercise exercise, Explainer.Outcome outcome, Path replacements) {
        var time = Durations.readable(outcome.elapsed());
        switch (outcome.kind()) {
            case DOES_NOT_COMPILE -> {
                out.println(Style.fail("✗ " + exercise.name() + " does not compile") + Style.quiet(" (" + time + ")"));
                outcome.compileErrors().forEach(error -> out.println("  " + error.replace("\n", "\n  ")));
                return 1;
            }
            case NO_SCENARIO -> {
                out.println(exercise.name() + " has no explain scenario: its point is not a race, a deadlock or a lost wake-up."
                        + " ./workbook check " + exercise.name() + " gives its verdict.");
                return 0;
            }
            case CLEAN -> {
                out.println(Style.pass("✓ " + (outcome.invocations() > 0 ? "no interleaving breaks " : "no wake-up is lost in ") + exercise.name())
                        + Style.quiet(" (" + cleanRunsDone(outcome) + "; " + time + ")"));
                return 0;
            }
            case OUT_OF_TIME -> {
                out.println(Style.fail("? explain gave up on " + exercise.name() + " after " + time)
                        + ": the model checker found nothing in that time and was stopped. ./workbook check " + exercise.name() + " still gives the verdict.");
                return 1;
            }
            case BROKEN -> {
                printBroken(exercise, replacements, LincheckTrace.parse(outcome.report()), time);
                return 1;
            }
            case LOST_WAKE_UP -> {
                printLostWakeUp(exercise, replacements, WakeUpAccount.parse(outcome.report()), outcome.invocations(), time);
                return 1;
            }
            case UNFINISHED_IN_A_REAL_RUN -> {
                printUnfinished(exercise, replacements, WakeUpAccount.parse(outcome.report()), time);
                return 1;
            }
            case WRONG_IN_A_REAL_RUN -> {
                out.println(Style.fail("✗ a real run of its wake-up scenario ends wrong in " + exercise.name()) + Style.quiet(" (" + time + ")"));
                out.println("  Result: " + Style.strong(outcome.report().strip()));
                return 1;
            }
        }
        throw new IllegalStateException("unknown outcome " + outcome.kind());
    }

    private static String cleanRunsDone(Explainer.Outcome outcome) {
        var explored = "its explain scenario, up to %,d interleavings explored: Lincheck stops early when it has tried them all"
                .formatted(outcome.invocations());
        var watched = "its wake-up scenario run on real threads to the end, never stalled";
        if (outcome.invocations() == 0) {
            return watched;
        }
        return outcome.wakeUpsWatched() ? explored + "; then " + watched : explored;
    }

    /**
     * A real run that stalled: the last wake-ups before it (who woke whom, at which line), then where
     * each thread waits. A thread woken by one of its own kind is marked: that is the wake-up the
     * other kind needed.
     */
    private void printLostWakeUp(Exercise exercise, Path replacements, WakeUpAccount account, int invocations, String time) {
        out.println(Style.fail("✗ a wake-up is lost in " + exercise.name()) + Style.quiet(" (found in " + time + ")"));
        if (invocations > 0) {
            out.println(Style.quiet("  No interleaving Lincheck explored broke it (its model checker wakes every waiting thread on notify());"));
            out.println(Style.quiet("  this is a real run, recorded by the JDK's flight recorder, and it stalled: every thread left waits."));
        } else {
            out.println(Style.quiet("  A real run, recorded by the JDK's flight recorder, stalled: every thread left waits."));
        }
        if (!account.scenario().isBlank()) {
            out.println("  The run: " + account.scenario() + ".");
        }
        var files = studentFiles(exercise, replacements);
        if (!account.wakeUps().isEmpty()) {
            out.println("  The last waits that ended before the stall:");
            for (var wait : account.wakeUps()) {
                var woken = wait.wokenBy().isEmpty() ? "ended (the JDK does not say by whom)" : "woken by " + wait.wokenBy();
                woken = (wait.method().isEmpty() ? "" : "in " + wait.method() + "(), ") + woken;
                var mark = wait.wokenByItsOwnKind() ? Style.strong("  ← woken by its own kind") : "";
                out.println(waitRow(wait, files, woken) + mark);
            }
        }
        if (account.wakeUps().isEmpty()) {
            out.println(Style.quiet("  No wait() that ended before the stall was seen: a Condition's signal() leaves no record of whom it woke."));
        }
        out.println("  Then nobody woke anybody. Where each thread waits:");
        account.waiting().forEach(wait -> out.println(waitRow(wait, files, wait.method().isEmpty() ? "waiting" : "waiting in " + wait.method() + "()")));
        out.println("  Result: " + Style.strong("every thread left waits for a wake-up that no thread is left to give"));
    }

    /**
     * A real run still going at its deadline, though its threads were never all waiting: a thread
     * that polls or spins where it should wait, or one so slow that the run cannot end. Where each
     * thread was when it was stopped.
     */
    private void printUnfinished(Exercise exercise, Path replacements, WakeUpAccount account, String time) {
        out.println(Style.fail("✗ a real run of its wake-up scenario does not finish in " + exercise.name()) + Style.quiet(" (stopped after " + time + ")"));
        if (!account.scenario().isBlank()) {
            out.println("  The run: " + account.scenario() + ".");
        }
        out.println(Style.quiet("  It ran " + Durations.readable(WakeUpRecorder.DEADLINE) + " without ending, and never stalled either: some thread kept running or kept waking up."));
        var files = studentFiles(exercise, replacements);
        out.println("  Where each thread was when it was stopped:");
        account.waiting().forEach(wait -> out.println(waitRow(wait, files, wait.method().isEmpty() ? "running" : "in " + wait.method() + "()")));
        out.println("  Result: " + Style.strong("a thread that polls (sleeps or waits with a timeout, then looks again) or spins sees only the"
                + " moments it looks, and can miss what it waits for: wait until another thread wakes you"));
    }

    private static String waitRow(WakeUpAccount.Wait wait, Map<String, List<String>> files, String what) {
        var lines = files.get(wait.file());
        var text = lines != null && wait.line() >= 1 && wait.line() <= lines.size() ? lines.get(wait.line() - 1).strip() : "";
        var where = wait.file().isEmpty() ? "(outside your files)" : wait.file() + ":" + wait.line();
        return "  %-11s %-22s %-34s %s".formatted(wait.thread(), where, text, what);
    }

    private void printBroken(Exercise exercise, Path replacements, LincheckTrace trace, String time) {
        out.println(Style.fail("✗ this interleaving breaks " + exercise.name()) + Style.quiet(" (found in " + time + ")"));
        var files = studentFiles(exercise, replacements);
        var rows = new ArrayList<String>();
        var locks = new LockHolds();
        int folded = 0;
        int setUpSteps = 0;
        boolean settingUp = true;
        Row current = null;
        for (var step : trace.steps()) {
            if (settingUp && step.thread().equals(SCENARIO_THREAD)) {
                setUpSteps++;
                continue;
            }
            if (settingUp) {
                settingUp = false;
                if (setUpSteps > 0) {
                    rows.add(Style.quiet("  … (" + setUpSteps + " steps setting up the scenario: its objects and threads)"));
                }
            }
            var lines = files.get(step.file());
            if (lines == null || step.line() < 1 || step.line() > lines.size() || isCallIntoStudentCode(step, files)) {
                folded++;
                continue;
            }
            if (current != null && current.continues(step) && folded == 0) {
                current.add(step);
                locks.record(step, current.text);
                continue;
            }
            if (current != null) {
                rows.add(current.render());
            }
            if (folded > 0) {
                rows.add(Style.quiet("  … (" + folded + " step" + (folded == 1 ? "" : "s") + " outside your files)"));
                folded = 0;
            }
            current = new Row(step, lines.get(step.line() - 1).strip());
            locks.record(step, current.text);
        }
        if (current != null) {
            rows.add(current.render());
        }
        if (folded > 0) {
            rows.add(Style.quiet("  … (" + folded + " step" + (folded == 1 ? "" : "s") + " outside your files)"));
        }
        rows.stream().limit(MAX_ROWS).forEach(out::println);
        if (rows.size() > MAX_ROWS) {
            out.println(Style.quiet("  … (" + (rows.size() - MAX_ROWS) + " more rows)"));
        }
        if (rows.isEmpty()) {
            out.println("  (no step of this interleaving ran in your files)");
        }
        if (trace.hung()) {
            out.println("  Result: " + Style.strong("the threads stopped making progress: each waits for something no other thread will do"));
            locks.describeStuckThreads().forEach(line -> out.println("    " + line));
        } else {
            out.println("  Result: " + Style.strong(trace.failure()));
        }
    }

    /**
     * A call into one of the student's own classes ({@code Account#2.transfer(...)}): its own steps
     * follow it, nested, and show what it did, so the call adds nothing. A call on a JDK object
     * ({@code Semaphore#1.acquireUninterruptibly()}, {@code LinkedHashMap#1.forEach(...)}) stays.
     */
    private static boolean isCallIntoStudentCode(LincheckTrace.Step step, Map<String, List<String>> files) {
        var call = STUDENT_CALL.matcher(step.event());
        return call.matches() && files.containsKey(call.group(1) + ".java") && !step.event().contains("Lock") && !step.event().contains("lock");
    }

    private Map<String, List<String>> studentFiles(Exercise exercise, Path replacements) {
        var files = new HashMap<String, List<String>>();
        for (var file : Checker.sourcesWith(exercise, root, replacements)) {
            if (!Exercise.isTest(file)) {
                try {
                    files.put(file.getFileName().toString(), Files.readAllLines(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return files;
    }

    /** The steps one thread took, one after the other, on one line of a file. */
    private static final class Row {
        private final LincheckTrace.Step first;
        private final String text;
        private final List<String> events = new ArrayList<>();

        Row(LincheckTrace.Step first, String text) {
            this.first = first;
            this.text = text;
            add(first);
        }

        boolean continues(LincheckTrace.Step step) {
            return step.thread().equals(first.thread()) && step.file().equals(first.file()) && step.line() == first.line();
        }

        void add(LincheckTrace.Step step) {
            events.add(Events.describe(step.event()));
        }

        String render() {
            return "  %-11s %-22s %-34s %s".formatted(first.thread(), first.file() + ":" + first.line(), text, String.join(", ", events));
        }
    }
}
