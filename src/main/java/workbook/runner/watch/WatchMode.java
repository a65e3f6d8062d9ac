package workbook.runner.watch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import workbook.runner.Workbook;
import workbook.runner.check.Verdict;
import workbook.runner.curriculum.Exercise;
import workbook.runner.curriculum.Lesson;
import workbook.runner.curriculum.Progress;
import workbook.runner.explain.Explainer;
import workbook.runner.explain.TracePrinter;
import workbook.runner.report.Style;
import workbook.runner.report.VerdictPrinter;

/**
 * The workbook's main loop: shows the current exercise and its last verdict, re-checks it each time
 * one of its files is saved, and answers the keys in the legend.
 *
 * <p>Everything happens on one thread, in the order events arrive: saves (from the
 * {@link ExerciseWatcher}) and keys (from the terminal) are queued as {@link WatchEvent}s, so the
 * state needs no locking and a test can drive the loop by posting events. A save re-checks only when
 * the exercise's files really changed since the last check (their fingerprint differs): a burst of
 * save events, or a save that changed nothing, costs nothing, and the watch can never loop on itself.
 *
 * <p>It never writes to {@code exercises/}; what it keeps (done exercises, hint levels) goes to the
 * progress file, which {@code ./workbook check} in another terminal writes too: watch mode keeps
 * none of it in memory, and draws the screen again when the file changes.
 *
 * <p>When a check leaves threads using the CPU that ignore the interrupt, this JVM cannot stop them,
 * and they would slow every verdict after it: {@link #run()} then ends with {@link Ending#RESTART}
 * after leaving a {@link WatchRestart} note, and the watch mode of the next JVM shows the same
 * exercise and verdict without checking again until the next save.
 */
public final class WatchMode {

    public static final String LEGEND = "h hint · l list · n next · r re-run · c check all · q quit";

    /** How {@link #run()} ended: the student quit, or a check left threads and a fresh JVM must take over. */
    public enum Ending { QUIT, RESTART }

    /** How often the screen is drawn again when the progress file changed (a check in another terminal). */
    private static final Duration REFRESH = Duration.ofMillis(500);

    private final Workbook workbook;
    private final Progress progress;
    private final boolean manual;
    private final Consumer<String> display;
    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final RunningCheck runningCheck;

    private Exercise selected;
    private Verdict verdict;
    private String checkedFingerprint;
    private boolean savedSinceCheck;
    private String notice = "";
    private boolean listing;
    private int cursor;
    private final AtomicInteger checks = new AtomicInteger();
    private Object renderedVersion;
    /** The exercise whose check left busy threads running, once one has; then this JVM must be replaced. */
    private String threadsLeftBy;
    /** The verdict screen handed over by the JVM this one replaced, shown until the first check here. */
    private final Optional<WatchRestart> resumed;

    public WatchMode(Workbook workbook, boolean manual, Consumer<String> display) {
        this(workbook, manual, display, line -> {});
    }

    /**
     * @param display draws a whole screen
     * @param tick    rewrites the last line of the screen in place: the running check's clock
     */
    public WatchMode(Workbook workbook, boolean manual, Consumer<String> display, Consumer<String> tick) {
        this.workbook = workbook;
        this.progress = workbook.progress();
        this.manual = manual;
        this.display = display;
        this.runningCheck = new RunningCheck(display, tick);
        var exercises = workbook.exercises();
        this.resumed = WatchRestart.take(workbook.root());
        this.selected = resumed.flatMap(note -> workbook.find(note.exercise()))
                .or(() -> workbook.current(progress)).orElse(exercises.getLast());
    }

    /** Queues an event; safe to call from any thread. */
    public void post(WatchEvent event) {
        events.add(event);
    }

    /**
     * Runs until a quit event, or until a check leaves threads running: checks the current exercise
     * (unless it resumes a restart), then reacts to events one by one.
     */
    public Ending run() throws InterruptedException {
        if (resumed.isPresent()) {
            checkedFingerprint = fingerprintOfSelected();
            notice = "Watch mode started again in a fresh JVM, which stopped those threads. Save a file or press r to check again.";
        } else {
            recheck();
        }
        render();
        while (threadsLeftBy == null) {
            var event = events.poll(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                if (!progress.version().equals(renderedVersion)) {
                    render();
                }
                continue;
            }
            if (event instanceof WatchEvent.Quit || (!listing && event.equals(new WatchEvent.Key("q")))) {
                return Ending.QUIT;
            }
            if (handle(event)) {
                render();
            }
        }
        new WatchRestart(selected.name(), verdictScreen() + (notice.isEmpty() ? "" : "\n" + notice + "\n")).save(workbook.root());
        return Ending.RESTART;
    }

    /** How many checks have run; tests use it to see that a save triggered exactly one. */
    public int checks() {
        return checks.get();
    }

    /** Handles one event; true when the screen should be drawn again. */
    private boolean handle(WatchEvent event) {
        return switch (event) {
            case WatchEvent.Saved saved -> onSaved(saved.exercise());
            case WatchEvent.Key key when listing -> onListKey(key.name());
            case WatchEvent.Key key -> onKey(key.name());
            case WatchEvent.Quit quit -> false;
        };
    }

    private boolean onSaved(String exercise) {
        if (!exercise.equals(selected.name())) {
            return false;
        }
        savedSinceCheck = true;
        if (manual || fingerprintOfSelected().equals(checkedFingerprint)) {
            return false;
        }
        notice = "";
        recheck();
        return true;
    }

    private boolean onKey(String key) {
        notice = "";
        switch (key) {
            case "r" -> {
                if (!manual && !savedSinceCheck && !fingerprintOfSelected().equals(checkedFingerprint)) {
                    notice = "Your last save was not noticed. If saving never starts a check here, "
                            + "run ./workbook --manual and press r after each save.";
                }
                recheck();
            }
            case "h" -> showNextHint();
            case "n" -> moveOn();
            case "c" -> checkAll();
            case "e" -> {
                if (!offersExplain()) {
                    return false;
                }
                explainSelected();
            }
            case "l" -> {
                listing = true;
                cursor = workbook.exercises().indexOf(selected);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean onListKey(String key) {
        var exercises = workbook.exercises();
        switch (key) {
            case "up", "k" -> cursor = Math.max(0, cursor - 1);
            case "down", "j" -> cursor = Math.min(exercises.size() - 1, cursor + 1);
            case "enter" -> {
                listing = false;
                select(exercises.get(cursor));
            }
            case "escape", "l", "q" -> listing = false;
            default -> {
                return false;
            }
        }
        return true;
    }

    private void showNextHint() {
        int total = selected.hints().size();
        int shown = progress.hintsShown(selected);
        if (shown < total) {
            progress.setHintsShown(selected, shown + 1);
        } else {
            notice = total == 0 ? "This exercise has no hints; its TASK.md says what to do." : "That was the last hint.";
        }
    }

    private void moveOn() {
        if (verdict == null ? !progress.isDone(selected, workbook.root()) : !verdict.passed()) {
            notice = "n moves on once this exercise passes. Stuck? Press h for a hint.";
            return;
        }
        next().ifPresentOrElse(this::select, () -> notice = "Every exercise is done.");
    }

    /** The first exercise after the selected one, wrapping around, that is not done. */
    private Optional<Exercise> next() {
        var exercises = workbook.exercises();
        int from = exercises.indexOf(selected);
        return IntStream.range(1, exercises.size())
                .mapToObj(step -> exercises.get((from + step) % exercises.size()))
                .filter(e -> !progress.isDone(e, workbook.root()))
                .findFirst();
    }

    private void select(Exercise exercise) {
        selected = exercise;
        recheck();
    }

    private void recheck() {
        checkedFingerprint = fingerprintOfSelected();
        savedSinceCheck = false;
        verdict = checkShowingProgress(selected, "");
        checks.incrementAndGet();
        record(selected, verdict);
        if (verdict.passed() && workbook.current(progress).isEmpty()) {
            checkAll();
        }
    }

    private void checkAll() {
        int passed = 0;
        var lines = new StringBuilder();
        var exercises = workbook.exercises();
        for (var exercise : exercises) {
            var result = exercise.equals(selected) && verdict != null && Objects.equals(checkedFingerprint, fingerprintOfSelected())
                    ? verdict : checkShowingProgress(exercise,
                    " (check all: %d of %d)".formatted(exercises.indexOf(exercise) + 1, exercises.size()));
            record(exercise, result);
            passed += result.passed() ? 1 : 0;
            lines.append(result.passed() ? Style.pass("  ✓ ") : Style.fail("  ✗ ")).append(exercise.name()).append('\n');
        }
        int total = workbook.exercises().size();
        notice = (passed == total
                ? Style.pass("All %d exercises pass, checked again just now: you have finished the workbook.".formatted(total))
                : "%d of %d exercises pass:".formatted(passed, total)) + "\n" + lines.toString().stripTrailing();
    }

    /** After a failed verdict on an exercise that has an explain scenario, e shows the interleaving. */
    private boolean offersExplain() {
        return verdict != null && verdict.status() == Verdict.Status.FAILED && Explainer.hasScenario(selected, workbook.root());
    }

    /** Runs the selected exercise's explain scenario while the screen says so; its trace becomes the notice. */
    private void explainSelected() {
        var header = new StringWriter();
        printHeader(new PrintWriter(header, true));
        runningCheck.start(header + "\n" + LEGEND + "\n\n", "Looking for an interleaving that breaks " + selected.name() + "… ");
        var trace = new StringWriter();
        try {
            var outcome = new Explainer(workbook.root()).explain(selected);
            new TracePrinter(new PrintWriter(trace, true), workbook.root()).print(selected, outcome);
        } finally {
            runningCheck.stop();
        }
        notice = trace.toString().stripTrailing();
    }

    /** Checks {@code exercise} while the screen says so, with a clock that ticks until the verdict. */
    private Verdict checkShowingProgress(Exercise exercise, String context) {
        var header = new StringWriter();
        printHeader(new PrintWriter(header, true));
        runningCheck.start(header + "\n" + LEGEND + "\n\n", "Checking " + exercise.name() + context + "… ");
        try {
            var result = workbook.checker().check(exercise);
            if (result.leftBusyThreads() && threadsLeftBy == null) {
                threadsLeftBy = exercise.name();
            }
            return result;
        } finally {
            runningCheck.stop();
        }
    }

    private void record(Exercise exercise, Verdict result) {
        if (result.passed()) {
            progress.markDone(exercise, workbook.root());
        } else {
            progress.markNotDone(exercise);
        }
    }

    /** The last verdict as printed; until the first check in this JVM, the one the JVM before it printed. */
    private String verdictScreen() {
        if (verdict == null) {
            return resumed.map(WatchRestart::verdictScreen).orElse("");
        }
        var out = new StringWriter();
        new VerdictPrinter(new PrintWriter(out, true), workbook.root()).print(selected, verdict);
        return out.toString();
    }

    private String fingerprintOfSelected() {
        return Progress.fingerprint(selected.sources(workbook.root()));
    }

    private void render() {
        renderedVersion = progress.version();
        display.accept(listing ? listScreen() : mainScreen());
    }

    private String mainScreen() {
        var out = new StringWriter();
        var print = new PrintWriter(out);
        var root = workbook.root();
        printHeader(print);
        print.print(verdictScreen());
        if (verdict != null && verdict.passed() && next().isPresent()) {
            print.println("  Press n for the next exercise.");
        }
        if (offersExplain()) {
            print.println("  Press e to see, step by step in your own lines, an interleaving that breaks it (./workbook explain).");
        }
        var hints = selected.hints();
        for (int level = 1; level <= Math.min(progress.hintsShown(selected), hints.size()); level++) {
            print.println();
            print.println(Style.strong("Hint " + level + " of " + hints.size()));
            print.println(hints.get(level - 1));
        }
        if (!notice.isEmpty()) {
            print.println();
            print.println(notice);
        }
        if (threadsLeftBy != null) {
            print.println();
            print.println(Style.strong("The check of " + threadsLeftBy + " left threads using the CPU that did not stop when interrupted: "
                    + "watch mode starts again in a fresh JVM, to free the cores they take."));
        }
        print.println();
        print.println(Style.quiet(manual ? "Manual mode: press r after saving to check again."
                : "Watching " + root.relativize(selected.folder(root)) + "/: save a file to check again."));
        print.println(LEGEND);
        print.flush();
        return out.toString();
    }

    /** Progress, lesson and exercise: the top of every screen. */
    private void printHeader(PrintWriter print) {
        var root = workbook.root();
        var exercises = workbook.exercises();
        long done = exercises.stream().filter(e -> progress.isDone(e, root)).count();
        print.println(Style.strong("Java concurrency workbook") + "   " + progressBar(done, exercises.size()));
        print.println("Lesson   " + workbook.lessonTitle(selected.lesson()));
        print.println("Exercise " + Style.strong(selected.name()) + ": " + selected.title()
                + Style.quiet("   " + root.relativize(selected.folder(root)) + "/TASK.md"));
        print.println();
    }

    private String listScreen() {
        var out = new StringBuilder(Style.strong("Exercises") + "  (↑/↓ or j/k to move, Enter to pick, q to go back)\n\n");
        List<Exercise> exercises = workbook.exercises();
        for (int i = 0; i < exercises.size(); i++) {
            var exercise = exercises.get(i);
            var status = progress.isDone(exercise, workbook.root()) ? Style.pass("done   ") : "pending";
            var line = ("%s %s  %-" + workbook.nameWidth() + "s  %s").formatted(i == cursor ? "▶" : " ", status, exercise.name(), exercise.title());
            out.append(i == cursor ? Style.strong(line) : line).append('\n');
        }
        return out.toString();
    }

    private static String progressBar(long done, int total) {
        int width = 20;
        int filled = total == 0 ? 0 : (int) (width * done / total);
        return "[" + "█".repeat(filled) + "░".repeat(width - filled) + "] " + done + "/" + total + " done";
    }
}
