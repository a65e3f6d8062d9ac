package workbook.runner.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts an explain scenario's threads and waits for them, in the one shape Lincheck 3.7 can follow
 * on JDK 25: a {@link Thread} subclass that overrides {@code run()}.
 *
 * <p>On JDK 25, {@code Thread.run()} hands a {@code Runnable} given to the constructor on through a
 * hidden JDK frame, and Lincheck 3.7 then sees none of what that thread does: a racy counter passes
 * every interleaving it explores (bench/RESULTS.md, "Explain mode: choosing the engine"). A scenario
 * therefore never calls {@code new Thread(runnable)} itself; it hands its bodies to {@link #runTogether}.
 *
 * <p>Usage, in an exercise test's {@code ExplainScenario}:
 * <pre>{@code
 * var counter = new Counter();
 * ScenarioThreads.runTogether(counter::increment, counter::increment);
 * }</pre>
 * A {@code WakeUpScenario}, whose account names the threads, names them with {@link #named}.
 */
public final class ScenarioThreads {

    /** Every named scenario thread started in this JVM: each explain run has a JVM of its own. */
    private static final List<Thread> STARTED = new CopyOnWriteArrayList<>();

    /** The methods that take a lock, in the JDK's locks ({@code ReentrantLock}, read-write and stamped locks). */
    private static final Set<String> LOCK_METHODS = Set.of("lock", "lockInterruptibly", "tryLock",
            "writeLock", "readLock", "writeLockInterruptibly", "readLockInterruptibly", "tryWriteLock", "tryReadLock");

    private ScenarioThreads() {}

    /** A scenario thread's work; it may wait, so it may be interrupted. */
    @FunctionalInterface
    public interface Body {
        void run() throws InterruptedException;
    }

    /** A body run by a thread of this name ("producer-1"): what a wake-up account calls it. */
    public static Body named(String name, Body body) {
        return new NamedBody(name, body);
    }

    private record NamedBody(String name, Body body) implements Body {
        @Override
        public void run() throws InterruptedException {
            body.run();
        }
    }

    /** Runs each body in a thread of its own, all started before any is joined; returns when all have ended. */
    public static void runTogether(Body... bodies) {
        var threads = new ArrayList<Thread>();
        for (var body : bodies) {
            var thread = new BodyThread(body);
            if (body instanceof NamedBody named) {
                // Only a wake-up scenario names its threads, and only it is watched; an ExplainScenario
                // runs under Lincheck, whose trace would count every extra step here as set-up.
                thread.setName(named.name());
                STARTED.add(thread);
            }
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        for (var thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the explain scenario was interrupted while its threads ran", e);
            }
        }
    }

    /**
     * Waits, spinning, until every other named scenario thread still running waits for something
     * other than a lock (a condition, a latch, {@code wait()}, a timeout): for a wake-up scenario in
     * which one thread must act only once the others wait for it, as a {@code set()} that must find
     * its waiters waiting. A thread still waiting to take a lock has not begun to wait for the
     * event, so a {@code set()} then could come before its wait and be missed by correct code.
     * It spins rather than sleeps so that the thread calling it never looks like a waiting thread.
     */
    public static void awaitTheOthersWaiting() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        var self = Thread.currentThread();
        while (System.nanoTime() < deadline) {
            if (alive().stream().filter(thread -> thread != self).allMatch(ScenarioThreads::waitsForSomethingButALock)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("the other scenario threads did not all wait within 5 s");
    }

    private static boolean waitsForSomethingButALock(Thread thread) {
        var state = thread.getState();
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return false;
        }
        return Arrays.stream(thread.getStackTrace()).noneMatch(frame -> frame.getClassName().startsWith("java.util.concurrent.locks.")
                && LOCK_METHODS.contains(frame.getMethodName()) && !frame.getClassName().contains("Condition"));
    }

    /** The named scenario threads started so far that have not ended. */
    static List<Thread> alive() {
        return STARTED.stream().filter(Thread::isAlive).toList();
    }

    private static final class BodyThread extends Thread {
        private final Body body;

        BodyThread(Body body) {
            this.body = body;
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException("a scenario thread was interrupted, which no scenario does", e);
            }
        }
    }
}
