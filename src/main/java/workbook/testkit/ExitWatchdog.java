package workbook.testkit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stops a child JVM that does not end by itself once its {@code main} is done, and names the
 * threads that kept it alive.
 *
 * <p>The JVM ends when the last thread that is not a daemon ends. A program that leaves such a
 * thread running (a monitor that was never made a daemon, a pool nobody shut down, a worker still
 * waiting for work) simply goes on after {@code main} returns. Seen from outside, that is only a
 * process that does not end; killing it at a deadline says <em>that</em> it hung, not <em>why</em>.
 * So the program under test, run in a {@link ChildJvm}, calls {@link #arm} first thing in its
 * {@code main}. The watchdog is a daemon thread (it never keeps the JVM alive itself) that waits
 * until {@code main} has returned, or until {@code mainMayRun} has passed, and then gives the JVM
 * {@code exitGrace} to end. If the JVM is still running then, and a thread that is not a daemon is
 * still alive, it prints each such thread with its state and the code it stands in, and halts the
 * JVM with {@link #HALTED}. It halts nothing else: while only daemons remain, the JVM is already
 * on its way out.
 *
 * <pre>{@code
 * public static final class Program {           // in the test class
 *     public static void main(String[] args) {
 *         ExitWatchdog.arm(Duration.ofSeconds(3), Duration.ofSeconds(1));
 *         new HeartbeatMonitor(...).start();
 *     }
 * }
 *
 * var run = ChildJvm.run(Program.class, Duration.ofSeconds(10));
 * ExitWatchdog.assertExitedByItself(run, "Why: ...");
 * }</pre>
 *
 * <p>Give {@code exitGrace} room for work that rightly goes on after {@code main} (a writer that
 * drains its queue): the watchdog cannot tell slow work from work that never ends.
 */
public final class ExitWatchdog {

    /** The exit code of a child JVM the watchdog halted. */
    public static final int HALTED = 97;

    static final String REPORT_START = "[exit watchdog]";


    private ExitWatchdog() {}

    /**
     * Starts the watchdog; call it first in the child program's {@code main}, on the main thread.
     *
     * @param mainMayRun how long {@code main} may run before, still running, it counts as stuck
     * @param exitGrace how long the JVM has to end once {@code main} has returned
     */
    public static void arm(Duration mainMayRun, Duration exitGrace) {
        var main = Thread.currentThread();
        Thread.ofPlatform().daemon().name("exit-watchdog").start(() -> {
            try {
                boolean mainReturned = main.join(mainMayRun);
                if (mainReturned) {
                    Thread.sleep(exitGrace);
                }
                var keepers = aliveNonDaemonThreads();
                if (keepers.isEmpty()) {
                    return;
                }
                System.out.print(report(mainReturned
                        ? "main returned " + Durations.readable(exitGrace) + " ago, and the JVM is still running"
                        : "main has run for " + Durations.readable(mainMayRun) + " and has not returned",
                        keepers));
                System.out.flush();
                Runtime.getRuntime().halt(HALTED);
            } catch (InterruptedException e) {
                // nobody interrupts the watchdog; if someone does, it stands down
            }
        });
    }

    /**
     * Fails unless the child JVM ended by itself with exit code 0. The message says how it ended
     * instead (halted by the watchdog, with the threads that kept it alive; killed at the deadline;
     * ended with an error code), then, when it did not end by itself, {@code why}; then everything
     * the child printed.
     */
    public static void assertExitedByItself(ChildJvm.Result run, String why) {
        if (run.exitedByItself() && run.exitCode() == 0) {
            return;
        }
        int report = run.stdout().indexOf(REPORT_START);
        if (run.exitCode() == HALTED && report >= 0) {
            var lines = run.stdout().substring(report).lines().toList();
            var situation = lines.getFirst().substring(REPORT_START.length()).strip();
            var threads = lines.stream().skip(1).takeWhile(line -> !line.startsWith(REPORT_START))
                    .collect(Collectors.joining("\n"));
            throw new AssertionError("""
                    The program did not end by itself, so the exit watchdog stopped it. It says: %s
                    %s
                    %s
                    %s""".formatted(situation, threads, why.stripTrailing(), programOutput(run)));
        }
        if (run.killedAtDeadline()) {
            throw new AssertionError("The program did not end by itself, and was killed at the deadline.\n"
                    + why.stripTrailing() + "\n" + run.describe());
        }
        throw new AssertionError("The program ended with exit code " + run.exitCode()
                + ", not 0: an exception escaped from main, or the program stopped itself.\n" + run.describe());
    }

    /**
     * What the child program printed, without the watchdog's report, under a heading: for a failure
     * message that is about something else than how the program ended.
     */
    public static String programOutput(ChildJvm.Result run) {
        int report = run.stdout().indexOf(REPORT_START);
        var printed = report < 0 ? run.stdout() : run.stdout().substring(0, report);
        return "--- what the program printed ---\n" + (printed.isBlank() ? "(nothing)\n" : printed)
                + (run.stderr().isBlank() ? "" : "--- its error output ---\n" + run.stderr());
    }

    private static List<Map.Entry<Thread, StackTraceElement[]>> aliveNonDaemonThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && !e.getKey().isDaemon())
                // the launcher's thread that waits for the others to end before the JVM shuts down
                .filter(e -> !e.getKey().getName().equals("DestroyJavaVM"))
                .sorted(Comparator.comparing(e -> e.getKey().getName()))
                .toList();
    }

    private static String report(String situation, List<Map.Entry<Thread, StackTraceElement[]>> keepers) {
        var out = new StringBuilder();
        out.append(REPORT_START).append(' ').append(situation).append(", kept alive by ")
                .append(keepers.size() == 1 ? "1 thread that is not a daemon" : keepers.size() + " threads that are not daemons")
                .append(":\n");
        for (var keeper : keepers) {
            var thread = keeper.getKey();
            out.append("  \"").append(thread.getName()).append("\" (not daemon, ").append(thread.getState()).append(")\n");
            appendFrames(out, keeper.getValue());
        }
        out.append(REPORT_START).append(" halting the JVM with exit code ").append(HALTED).append('\n');
        return out.toString();
    }

    private static void appendFrames(StringBuilder out, StackTraceElement[] frames) {
        for (var line : StackFrames.shown(frames)) {
            out.append("      ").append(line).append('\n');
        }
    }
}
