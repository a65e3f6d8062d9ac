package workbook.demos;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import workbook.testkit.ChildJvm;

/**
 * Lesson 08 — visibility: a write another thread may never see, and the edges that make it seen.
 *
 * <p>A thread spins until a flag is set; another thread sets it. With a plain {@code boolean}
 * nothing in the Java Memory Model orders the spinning thread's reads after the write, so the JIT
 * is free to read the field once, before the loop, and spin on that copy for ever. With
 * {@code volatile} the write happens-before every read that sees it, and the loop ends at once.
 * The difference only shows in compiled code, so each flag runs in a small program of its own
 * (the nested classes below, each with a {@code main}) in a child JVM with the JIT on, and this
 * demo watches from outside with a deadline: a loop that never ends cannot hang the demo.
 * <ul>
 *   <li>{@link #stopFlag(boolean)}: one program, plain or volatile flag: it reports whether the
 *       spinning thread stopped, and how soon;</li>
 *   <li>{@link #stopFlagOutcomes(int)}: the same several times over, counted in a table in the
 *       style of the jcstress samples: which outcome is allowed, which is forbidden, how often each
 *       was seen;</li>
 *   <li>{@link #holderIdiom(int)}: lazy initialization done by the JVM itself, built once however
 *       many threads ask at the same time.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 08}, or in JShell: {@code /open lessons/08-visibility.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds (the child's
 * times are since its {@code main} started):
 * <pre>
 * A spinning thread and a plain boolean stop flag, in a JVM with the JIT on:
 *       385 ms  main sets stop = true
 *      1437 ms  the spinner is still spinning, 1 s after stop was set: it never saw the write
 *   Outcome: the spinner never stopped.
 *
 * A spinning thread and a volatile boolean stop flag, in a JVM with the JIT on:
 *       303 ms  main sets stop = true
 *       303 ms  the spinner stopped, 0 ms after stop was set
 *   Outcome: the spinner stopped.
 *
 * 8 threads ask for Settings.instance() at the same time:
 *   they got 1 object(s), built 1 time(s)
 * </pre>
 */
public final class VisibilityDemo {

    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(10);
    /** How long the spinner runs before the flag is set: long enough for the JIT to compile its loop. */
    private static final Duration WARM_UP = Duration.ofMillis(300);
    /** How long the spinner gets to notice the flag before the program gives up on it. */
    private static final Duration PATIENCE = Duration.ofSeconds(1);

    private VisibilityDemo() {}

    public static void main(String[] args) throws InterruptedException {
        stopFlag(false);
        System.out.println();
        stopFlag(true);
        System.out.println();
        holderIdiom(8);
    }

    /**
     * Runs a spinner on a stop flag, plain or {@code volatile}, in a child JVM with the JIT on;
     * prints what happened and returns whether the spinner stopped.
     */
    public static boolean stopFlag(boolean useVolatile) {
        var program = useVolatile ? VolatileStopFlag.class : PlainStopFlag.class;
        System.out.printf("A spinning thread and a %s boolean stop flag, in a JVM with the JIT on:%n",
                useVolatile ? "volatile" : "plain");
        var run = ChildJvm.run(program, CHILD_DEADLINE);
        run.stdout().lines().forEach(line -> System.out.println("  " + line));
        boolean stopped = run.stdout().contains("the spinner stopped");
        if (run.killedAtDeadline()) {
            System.out.println("  The child JVM did not end by its deadline: " + run.describe());
        }
        System.out.println("  Outcome: the spinner " + (stopped ? "stopped." : "never stopped."));
        return stopped;
    }

    /**
     * Runs {@link #stopFlag} {@code runs} times with each flag and prints the outcomes as a
     * jcstress-style table; returns how many plain-flag spinners never stopped.
     */
    public static int stopFlagOutcomes(int runs) {
        int plainStopped = 0;
        int volatileStopped = 0;
        for (int run = 0; run < runs; run++) {
            plainStopped += stopFlag(false) ? 1 : 0;
            volatileStopped += stopFlag(true) ? 1 : 0;
        }
        System.out.printf("""

                flag       outcome              expect                seen
                plain      spinner stopped      acceptable            %3d of %d
                plain      never stopped        acceptable, alas      %3d of %d
                volatile   spinner stopped      required              %3d of %d
                volatile   never stopped        forbidden             %3d of %d
                """, plainStopped, runs, runs - plainStopped, runs, volatileStopped, runs, runs - volatileStopped, runs);
        return runs - plainStopped;
    }

    /**
     * Calls {@link Settings#instance()} from {@code threads} threads at once and prints how many
     * Settings objects were built; returns that number (always 1).
     */
    public static int holderIdiom(int threads) throws InterruptedException {
        var seen = ConcurrentHashMap.<Settings>newKeySet();
        System.out.printf("%d threads ask for Settings.instance() at the same time:%n", threads);
        DemoThreads.runTogether(threads, () -> seen.add(Settings.instance()));
        System.out.printf("  they got %d object(s), built %d time(s)%n", seen.size(), Settings.BUILT.get());
        return seen.size();
    }

    /**
     * The holder-class idiom: lazy, built once, safely published, with no lock and no volatile in
     * sight. The JVM initializes {@code Holder} on the first call of {@code instance()}, once,
     * under a lock of its own, and a class's initialization happens-before any use of it.
     */
    static final class Settings {
        static final AtomicInteger BUILT = new AtomicInteger();

        private Settings() {
            BUILT.incrementAndGet();
        }

        private static final class Holder {
            static final Settings INSTANCE = new Settings();
        }

        static Settings instance() {
            return Holder.INSTANCE;
        }
    }

    /** The broken program: a plain flag, read in a loop with nothing else in it. */
    static final class PlainStopFlag {
        private static boolean stop;

        public static void main(String[] args) {
            spinAndStop(() -> {
                while (!stop) {
                    // spin: nothing here makes the thread read stop from memory again
                }
            }, () -> stop = true);
        }
    }

    /** The fixed program: the same loop on a volatile flag. */
    static final class VolatileStopFlag {
        private static volatile boolean stop;

        public static void main(String[] args) {
            spinAndStop(() -> {
                while (!stop) {
                    // spin: every read of a volatile field sees the latest write to it
                }
            }, () -> stop = true);
        }
    }

    /** Starts the spinner, sets the flag once the loop has had time to be compiled, and reports. */
    private static void spinAndStop(Runnable spinner, Runnable setStop) {
        long start = System.nanoTime();
        Supplier<Long> millis = () -> (System.nanoTime() - start) / 1_000_000;
        var thread = Thread.ofPlatform().daemon().name("spinner").start(spinner);
        try {
            Thread.sleep(WARM_UP);
            long setAt = millis.get();
            setStop.run();
            boolean stopped = thread.join(PATIENCE);
            long endedAt = millis.get();
            System.out.printf("%7d ms  main sets stop = true%n", setAt);
            if (stopped) {
                System.out.printf("%7d ms  the spinner stopped, %d ms after stop was set%n", endedAt, endedAt - setAt);
            } else {
                System.out.printf("%7d ms  the spinner is still spinning, 1 s after stop was set: it never saw the write%n",
                        endedAt);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the spinner is a daemon: returning from main ends this JVM even if it still spins
    }
}
