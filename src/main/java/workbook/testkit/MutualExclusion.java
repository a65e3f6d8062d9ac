package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Finds out, every time and without racing, whether two pieces of code exclude each other: one
 * thread is stopped in the middle of the first, with whatever lock it holds there still held, and
 * a second thread runs the second piece. If the second finishes while the first is stopped, they
 * do not share a lock; if it waits for a lock the stopped thread holds, they do.
 *
 * <p>A race test can only hope that the two threads overlap; on a loaded machine they often run one
 * after the other, and a missing lock goes unseen. Here the overlap is arranged: the code under
 * test is given something that calls {@link StopPoint#here()} from inside it (a key whose
 * {@code hashCode()} stops, say: a {@code HashMap} asks for it first thing in {@code put}).
 *
 * <pre>{@code
 * var outcome = MutualExclusion.check(
 *         "put()", stop -> cache.put(new StoppingKey(stop), 1L),
 *         "snapshot()", cache::snapshot,
 *         Duration.ofSeconds(2));
 * assertThat(outcome).isEqualTo(MutualExclusion.Outcome.WAITED);
 * }</pre>
 *
 * <p>"Waits" means blocked entering a monitor, or parked on a lock such as {@code ReentrantLock},
 * that the stopped thread owns: asked of the JVM, not guessed from timing. The stopped thread is
 * released as soon as the outcome is known, and both threads are joined against the deadline; a
 * failure in either is rethrown, and a thread that neither finishes nor waits is reported with a
 * {@link ThreadReport}.
 */
public final class MutualExclusion {

    /** What the second piece of code did while the first was stopped inside its lock. */
    public enum Outcome {
        /** It waited for a lock the stopped thread holds: the two exclude each other. */
        WAITED,
        /** It finished while the first was stopped: nothing kept it out. */
        RAN_THROUGH
    }

    /** The point inside the first piece of code where its thread stops; only the first call stops. */
    public static final class StopPoint {
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Duration longestStop;

        private StopPoint(Duration longestStop) {
            this.longestStop = longestStop;
        }

        /**
         * Stops the calling thread until the check releases it (at most the check's deadline), the
         * first time it is called; returns at once every later time.
         */
        public void here() {
            if (!armed.compareAndSet(true, false)) {
                return;
            }
            arrived.countDown();
            try {
                released.await(longestStop.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Duration POLL = Duration.ofMillis(1);

    private MutualExclusion() {}

    /**
     * Runs {@code holder} on a thread named after {@code holderName} until it reaches its
     * {@link StopPoint}, then runs {@code other} on a second thread and reports whether it waited
     * for the stopped thread's lock or ran through. Fails when the holder never reaches its stop
     * point, when either throws, or when the second thread neither finishes nor waits for the
     * holder within {@code deadline}.
     */
    public static Outcome check(String holderName, Consumer<StopPoint> holder, String otherName, Runnable other,
            Duration deadline) {
        var stop = new StopPoint(deadline.multipliedBy(2));
        var holderThread = Workers.start(holderName, 1, index -> holder.accept(stop));
        Outcome outcome;
        try {
            awaitArrival(stop, holderName, holderThread, deadline);
            var otherThread = Workers.start(otherName, 1, index -> other.run());
            outcome = awaitWaitingOrDone(otherThread, otherName, holderThread.threads().getFirst(), holderName, deadline);
            stop.released.countDown();
            otherThread.awaitCompletion(deadline);
        } finally {
            stop.released.countDown();
        }
        holderThread.awaitCompletion(deadline);
        return outcome;
    }

    private static void awaitArrival(StopPoint stop, String holderName, Workers holder, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (!stop.arrived.await(POLL.toNanos(), TimeUnit.NANOSECONDS)) {
                if (!holder.threads().getFirst().isAlive()) {
                    holder.awaitCompletion(deadline);
                    throw new AssertionError(holderName + " finished without reaching the point where the test "
                            + "stops it, so the test cannot look at what other threads do meanwhile.");
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("%s did not reach the point where the test stops it within %s:%n%s"
                            .formatted(holderName, Durations.readable(deadline), ThreadReport.describe(holder.threads())));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + holderName, e);
        }
    }

    private static Outcome awaitWaitingOrDone(Workers other, String otherName, Thread holder, String holderName,
            Duration deadline) {
        var thread = other.threads().getFirst();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (!thread.isAlive()) {
                return Outcome.RAN_THROUGH;
            }
            if (waitsForLockOf(thread, holder)) {
                return Outcome.WAITED;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        throw new AssertionError("""
                While %s was stopped inside its lock, %s neither finished nor waited for that lock within %s:
                %s""".formatted(holderName, otherName, Durations.readable(deadline),
                ThreadReport.describe(List.of(thread, holder))).stripTrailing());
    }

    private static boolean waitsForLockOf(Thread waiter, Thread owner) {
        var info = ManagementFactory.getThreadMXBean().getThreadInfo(waiter.threadId());
        return info != null && info.getLockOwnerId() == owner.threadId();
    }
}
