package l07a_background_monitor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChildJvm;
import workbook.testkit.ExitWatchdog;

/**
 * Whether a program ends is decided by the JVM after {@code main} returns, so these tests run a small
 * program that uses the monitor in a JVM of its own, and look at how it ended and what it printed.
 */
class HeartbeatMonitorTest {

    private static final String CHECK_RAN = "check ";
    private static final int CHECKS_SHOWN = 3;
    private static final String START_RETURNED = "main: start() returned";
    private static final String START_THREW = "main: start() threw ";
    private static final Duration MAIN_MAY_RUN = Duration.ofSeconds(3);

    /** The program under test: its main starts a monitor, waits for two checks, and returns. */
    public static final class MonitoredProgram {
        public static void main(String[] args) throws InterruptedException {
            ExitWatchdog.arm(MAIN_MAY_RUN, Duration.ofSeconds(1));
            var checksRun = new AtomicInteger();
            var twoChecks = new CountDownLatch(2);
            var monitor = new HeartbeatMonitor(Duration.ofMillis(20), () -> {
                int check = checksRun.incrementAndGet();
                if (check <= CHECKS_SHOWN) {
                    System.out.println(CHECK_RAN + check);
                }
                twoChecks.countDown();
            });
            try {
                monitor.start();
            } catch (RuntimeException e) {
                System.out.println(START_THREW + e);
                throw e;
            }
            System.out.println(START_RETURNED);
            twoChecks.await(2, TimeUnit.SECONDS);
            System.out.println("main: returns");
        }
    }

    private static ChildJvm.Result run;

    @BeforeAll
    static void runTheProgram() {
        run = ChildJvm.run(MonitoredProgram.class, Duration.ofSeconds(15));
    }

    @Test
    @DisplayName("start() returns at once, and the check runs again and again in the background")
    void startReturnsAndTheChecksRun() {
        var output = run.stdout();
        var threw = output.lines().filter(line -> line.startsWith(START_THREW)).findFirst();
        if (threw.isPresent()) {
            throw new AssertionError("""
                    %s.%s
                    %s""".formatted(threw.get().substring("main: ".length()),
                    threw.get().contains("IllegalThreadStateException")
                            ? "\nWhy: setDaemon() throws IllegalThreadStateException when the thread is already running: "
                            + "the daemon flag is decided before start(), never after. (start() throws it too, on a "
                            + "thread started before.)"
                            : "",
                    ExitWatchdog.programOutput(run)));
        }
        if (!output.contains(START_RETURNED)) {
            throw new AssertionError("""
                    start() never returned: main was still inside it when the program was stopped.
                    Why: start() must only start the monitor's thread and return. The monitor's loop never \
                    ends, so waiting for its thread (join()) waits forever, and so does running the loop on \
                    the caller's thread (run() instead of start()).
                    %s""".formatted(ExitWatchdog.programOutput(run)));
        }
        long checks = output.lines().filter(line -> line.startsWith(CHECK_RAN)).count();
        if (checks < 2) {
            throw new AssertionError("""
                    The monitor's check ran %d time(s) in the 2 s that main waited, with an interval of 20 ms; \
                    it should run again and again.
                    Why: start() returned, but no thread is running the checks. Was the thread started?
                    %s""".formatted(checks, ExitWatchdog.programOutput(run)));
        }
    }

    @Test
    @DisplayName("the program ends by itself when main returns, though the monitor never stops")
    void theProgramEndsWhenMainReturns() {
        ExitWatchdog.assertExitedByItself(run, """
                Why: the JVM exits only when every thread that is not a daemon has ended, and the monitor's \
                loop never ends. Its thread must be a daemon, so that the JVM does not wait for it. A new \
                thread takes the flag of the thread that creates it (main is not a daemon), and an executor's \
                default threads are not daemons either: set the flag yourself, before start() \
                (setDaemon(true), or Thread.ofPlatform().daemon()).""");
    }
}
