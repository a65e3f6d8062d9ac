package l07a_background_monitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.ChildJvm;
import workbook.testkit.Durations;
import workbook.testkit.ExitWatchdog;

/**
 * Whether a program ends is decided by the JVM after {@code main} returns, so these tests run a small
 * program that uses two monitors in a JVM of its own, and look at how it ended and what it printed.
 */
class HeartbeatMonitorTest {

    private static final String CHECK_RAN = "check ran: ";
    private static final int CHECKS_SHOWN = 3;
    private static final String START_RETURNED = "main: start() returned";
    private static final String START_THREW = "main: start() threw ";
    private static final String COUNTS = "main: checks run ";
    private static final String PACE = "main: heartbeat check %d ran %d ms after start()";
    /**
     * The heartbeat run whose time is checked: four whole intervals must lie before it. A monitor that
     * sleeps half its interval gets there 200 ms early; under load each wake-up comes late, and with
     * only two intervals a late start and two late wake-ups (50 ms each) were enough to hide it.
     */
    private static final int HEARTBEATS_TIMED = 5;
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(100);
    private static final Duration CHECKS_AWAITED = Duration.ofSeconds(1);
    private static final Duration MAIN_MAY_RUN = Duration.ofMillis(1_500);

    /**
     * The program under test: its main makes two monitors (one every 100 ms, one every half a
     * millisecond), starts both, waits until the heartbeat has run five times and the metrics check
     * twice, and returns. It prints when the fifth heartbeat ran: four intervals must lie before it.
     */
    public static final class MonitoredProgram {
        public static void main(String[] args) throws InterruptedException {
            ExitWatchdog.arm(MAIN_MAY_RUN, Duration.ofSeconds(1));
            var heartbeat = new Check("heartbeat", HEARTBEATS_TIMED);
            var metrics = new Check("metrics", 2);
            var monitors = List.of(new HeartbeatMonitor(HEARTBEAT_INTERVAL, heartbeat),
                    new HeartbeatMonitor(Duration.ofNanos(500_000), metrics));
            long started = System.nanoTime();
            try {
                monitors.forEach(HeartbeatMonitor::start);
            } catch (RuntimeException e) {
                System.out.println(START_THREW + e);
                throw e;
            }
            System.out.println(START_RETURNED);
            long deadline = System.nanoTime() + CHECKS_AWAITED.toNanos();
            boolean heartbeatsTimed = heartbeat.awaited.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            metrics.awaited.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            System.out.println(COUNTS + heartbeat.runs.get() + " " + metrics.runs.get());
            if (heartbeatsTimed) {
                System.out.println(PACE.formatted(HEARTBEATS_TIMED,
                        TimeUnit.NANOSECONDS.toMillis(heartbeat.awaitedAt.get() - started)));
            }
            System.out.println("main: returns");
        }

        /** Counts its runs; {@code awaited} opens at the run numbered {@code runsAwaited}, whose time it keeps. */
        private record Check(String name, int runsAwaited, AtomicInteger runs, CountDownLatch awaited, AtomicLong awaitedAt)
                implements Runnable {
            Check(String name, int runsAwaited) {
                this(name, runsAwaited, new AtomicInteger(), new CountDownLatch(1), new AtomicLong());
            }

            @Override
            public void run() {
                int run = runs.incrementAndGet();
                if (run <= CHECKS_SHOWN) {
                    System.out.println(CHECK_RAN + name + " " + run + " on \"" + Thread.currentThread().getName() + "\"");
                }
                if (run == runsAwaited) {
                    awaitedAt.set(System.nanoTime());
                    awaited.countDown();
                }
            }
        }
    }

    private static ChildJvm.Result run;

    @BeforeAll
    static void runTheProgram() {
        run = ChildJvm.run(MonitoredProgram.class, Duration.ofSeconds(15));
    }

    @Test
    @DisplayName("start() returns at once, and each monitor's check runs again and again in the background")
    void startReturnsAndTheChecksRun() {
        var output = run.stdout();
        var threw = output.lines().filter(line -> line.startsWith(START_THREW)).findFirst();
        if (threw.isPresent()) {
            throw new AssertionError("""
                    %s.
                    Why: %s
                    %s""".formatted(threw.get().substring("main: ".length()), whyStartThrew(threw.get()),
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
        var counts = output.lines().filter(line -> line.startsWith(COUNTS)).findFirst()
                .map(line -> line.substring(COUNTS.length()).split(" ")).orElse(new String[] {"0", "0"});
        int heartbeats = Integer.parseInt(counts[0]);
        int samples = Integer.parseInt(counts[1]);
        if (heartbeats >= 2 && samples >= 2) {
            assertTheHeartbeatKeepsItsInterval();
            return;
        }
        throw new AssertionError("""
                Two monitors were started, "heartbeat" every 100 ms and "metrics" every 0.5 ms; in the %s that \
                main waited, the heartbeat check ran %d time(s) and the metrics check %d time(s). Each should \
                run again and again.
                Why: %s
                %s""".formatted(Durations.readable(CHECKS_AWAITED), heartbeats, samples,
                whyTooFewChecks(heartbeats, samples), ExitWatchdog.programOutput(run)));
    }

    private static void assertTheHeartbeatKeepsItsInterval() {
        var pace = run.stdout().lines().filter(line -> line.startsWith("main: heartbeat check ")).findFirst();
        if (pace.isEmpty()) {
            return;
        }
        long millis = Long.parseLong(pace.get().replaceAll(".* ran (\\d+) ms after start\\(\\)", "$1"));
        long atLeast = (HEARTBEATS_TIMED - 1) * HEARTBEAT_INTERVAL.toMillis();
        if (millis < atLeast) {
            throw new AssertionError("""
                    The heartbeat monitor, every 100 ms, had run its check %d times %d ms after start(); the \
                    %d intervals between those runs take at least %d ms.
                    Why: the monitor waits its whole interval between two checks (Thread.sleep(interval) in \
                    its loop, or the delay or period of a scheduler). Without that wait, or with a shorter one, \
                    the check runs more often than asked, and a heartbeat becomes a busy loop.
                    %s""".formatted(HEARTBEATS_TIMED, millis, HEARTBEATS_TIMED - 1, atLeast,
                    ExitWatchdog.programOutput(run)));
        }
    }

    private static String whyStartThrew(String threw) {
        if (threw.contains("IllegalThreadStateException")) {
            return "setDaemon() throws IllegalThreadStateException when the thread is already running: the daemon "
                    + "flag is decided before start(), never after. (start() throws it too, on a thread started before.)";
        }
        if (threw.contains("IllegalArgumentException")) {
            return "the second monitor's interval is half a millisecond, and Duration.toMillis() rounds it down to 0, "
                    + "which a scheduler refuses as a period or delay. Keep the whole interval: "
                    + "interval.toNanos() with TimeUnit.NANOSECONDS, or Thread.sleep(interval).";
        }
        return "start() must start the checks and return; it threw instead.";
    }

    private static String whyTooFewChecks(int heartbeats, int samples) {
        if (run.stderr().contains("IllegalThreadStateException")) {
            return "the monitor's thread died of an IllegalThreadStateException (see its error output): setDaemon() "
                    + "on a thread that is already running throws, and that includes the thread calling it on itself. "
                    + "Set the flag on the new thread before start().";
        }
        if (run.stderr().contains("Exception in thread")) {
            return "a monitor's thread died of an exception (see its error output), and with it the checks.";
        }
        if (Math.min(heartbeats, samples) == 0 && Math.max(heartbeats, samples) >= 2) {
            return "one monitor's check ran and the other's never did. Each monitor keeps its own interval and its "
                    + "own check: a static field is one for every monitor, so the last one made wins.";
        }
        if (Math.max(heartbeats, samples) == 1) {
            return "the checks ran once and then stopped. A monitor repeats its check for as long as the program "
                    + "runs: a loop with a sleep on its thread, or scheduleWithFixedDelay()/scheduleAtFixedRate() "
                    + "(schedule() runs a task only once). Mind wait() and join() with a time limit in whole "
                    + "milliseconds: an interval under 1 ms is 0 in toMillis(), and wait(0) waits for ever.";
        }
        return "start() returned, but no thread is running the checks: was the monitor's thread started?";
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
