package workbook.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the threads inside a guarded region of code (a pool's borrowed section, a throttled call)
 * and the most that were ever inside at once, and holds them there until the test lets them out.
 *
 * <p>Code that limits how many threads may do something at once (a {@code Semaphore} with N
 * permits) can be wrong in two directions: it lets too many in, or it lets too few in and leaves
 * the rest waiting for room that is there. A final result shows neither. What shows both is the
 * head count at the moment every thread has either got in or is blocked outside. So the test
 * <ul>
 *   <li>makes the guarded work call {@link #stayInside()}, which counts the thread in and keeps it
 *       inside until the test lets it out;</li>
 *   <li>starts more threads than the limit as a {@link Crowd};</li>
 *   <li>calls {@link Crowd#assertInside}: it waits until every thread of the crowd is inside and
 *       parked, or waiting outside (blocked, waiting, or timed waiting in the code under test), or
 *       finished, and that picture has held for {@value #QUIET_MILLIS} ms; then the head count must
 *       equal the limit, and a count that is too high and one that is too low each fail with their
 *       own message.</li>
 * </ul>
 *
 * <pre>{@code
 * var region = new Occupancy("inside the throttle");
 * Callable<Void> task = () -> { region.stayInside(); return null; };
 * try (var crowd = region.crowd("caller", 5, index -> throttle.call(task))) {
 *     crowd.assertInside(2, "why more than 2 got in", "why fewer than 2 got in");
 *     crowd.finish(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>A thread counts as waiting outside only once it has started the crowd's work, so a thread
 * still at the crowd's start gate is never mistaken for one blocked by the code under test. The
 * quiet period guards against the other mistake: a thread just woken but not yet running still
 * shows as waiting, and it has {@value #QUIET_MILLIS} ms to move before the count is taken.
 * {@link #max()} remembers the highest count ever seen, so a thread that slipped in and out again
 * is still caught.
 */
public final class Occupancy {

    /** How long every unfinished worker of a crowd let out must sit in one wait to count as stuck. */
    private static final int STUCK_MILLIS = 150;

    static final long QUIET_MILLIS = 50;
    static final int SETTLE_SECONDS = 5;
    private static final Duration LONGEST_STAY = Duration.ofSeconds(30);

    private final String region;
    private final Set<Thread> inside = ConcurrentHashMap.newKeySet();
    private final Set<Thread> parked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();
    private final Map<Thread, CountDownLatch> exits = new ConcurrentHashMap<>();

    /** A region described the way a failure message names it, for example "inside the pool". */
    public Occupancy(String region) {
        this.region = region;
    }

    /** Counts the calling thread in. */
    public void enter() {
        if (!inside.add(Thread.currentThread())) {
            throw new IllegalStateException(Thread.currentThread().getName() + " entered " + region + " twice without leaving");
        }
        max.accumulateAndGet(count.incrementAndGet(), Math::max);
    }

    /** Counts the calling thread out. */
    public void leave() {
        if (!inside.remove(Thread.currentThread())) {
            throw new IllegalStateException(Thread.currentThread().getName() + " left " + region + " without entering it");
        }
        count.decrementAndGet();
    }

    /** How many threads are inside now. */
    public int inside() {
        return count.get();
    }

    /** The most threads that were ever inside at the same time. */
    public int max() {
        return max.get();
    }

    /** The names of the threads inside now, sorted. */
    public List<String> whoIsInside() {
        return inside.stream().map(Thread::getName).sorted().toList();
    }

    /**
     * Enters, stays until the test lets the calling thread's crowd out, and leaves, also when
     * interrupted. Call it from the guarded work of a {@link Crowd}'s thread, in place of the work.
     */
    public void stayInside() throws InterruptedException {
        var exit = exits.get(Thread.currentThread());
        if (exit == null) {
            throw new IllegalStateException("stayInside() holds the threads of a crowd; "
                    + Thread.currentThread().getName() + " is not one of them");
        }
        enter();
        parked.add(Thread.currentThread());
        try {
            if (!exit.await(LONGEST_STAY.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the test kept " + Thread.currentThread().getName() + " " + region
                        + " for " + Durations.readable(LONGEST_STAY) + " and never let it out");
            }
        } finally {
            parked.remove(Thread.currentThread());
            leave();
        }
    }

    /**
     * Waits until at least {@code count} threads are inside, at most {@code deadline}.
     *
     * @throws AssertionError saying how many got in when the deadline passes first
     */
    public void awaitInside(int count, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (inside() < count) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("Waited %s for %d threads to be %s, but only %d got there %s."
                        .formatted(Durations.readable(deadline), count, region, inside(), whoIsInside()));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Starts {@code size} daemon threads named {@code name-0 …} that run {@code work} together (see
     * {@link Workers}); {@code work} is expected to reach {@link #stayInside()} through the code
     * under test. Close the crowd when done: its threads still inside are let out, and those still
     * waiting outside are interrupted.
     */
    public Crowd crowd(String name, int size, Workers.Work work) {
        return new Crowd(name, size, work);
    }

    /** Threads started together to push into the region, and what became of each of them. */
    public final class Crowd implements AutoCloseable {

        private final String name;
        private final AtomicIntegerArray started;
        private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        private final CountDownLatch exit = new CountDownLatch(1);
        private final Workers workers;

        private record Failure(String worker, Throwable cause) {}

        private Crowd(String name, int size, Workers.Work work) {
            this.name = name;
            this.started = new AtomicIntegerArray(size);
            this.workers = Workers.start(name, size, index -> {
                exits.put(Thread.currentThread(), exit);
                started.set(index, 1);
                try {
                    work.run(index);
                } catch (Throwable failure) {
                    failures.add(new Failure(Thread.currentThread().getName(), failure));
                    throw failure;
                }
            });
        }

        /**
         * Where everyone stands once the crowd has settled: the names of all threads inside the
         * region (earlier crowds' included), and of this crowd's workers waiting outside and finished.
         */
        public record Picture(List<String> inside, List<String> waitingOutside, List<String> finished) {}

        /**
         * Waits until every worker of this crowd is inside and parked, waiting outside, or finished,
         * and the picture has not changed for {@value #QUIET_MILLIS} ms; at most {@code deadline}.
         *
         * @throws AssertionError with a worker's own failure as soon as one fails, or with a report
         *     of the workers that never settled when the deadline passes
         */
        public Picture settle(Duration deadline) {
            long end = System.nanoTime() + deadline.toNanos();
            long quiet = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
            Picture last = null;
            long unchangedSince = System.nanoTime();
            while (true) {
                rethrowFirstFailure();
                var now = pictureOrNull();
                long time = System.nanoTime();
                if (now == null || !now.equals(last)) {
                    last = now;
                    unchangedSince = time;
                } else if (time - unchangedSince >= quiet) {
                    return now;
                }
                if (time - end > 0) {
                    throw unsettled(deadline);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }

        /**
         * Settles the crowd (at most {@value #SETTLE_SECONDS} s), then requires exactly
         * {@code expected} threads inside the region, now and at every moment before.
         *
         * @param whyTooMany what lets extra threads in, for the message when more got in
         * @param whyTooFew what keeps threads out, for the message when fewer got in
         */
        public void assertInside(int expected, String whyTooMany, String whyTooFew) {
            var picture = settle(Duration.ofSeconds(SETTLE_SECONDS));
            if (max() > expected) {
                throw new AssertionError("""
                        Too many threads %s at once: at most %d may be there, and %d were at the same \
                        moment. Inside now: %s; waiting outside: %s.
                        Why: %s""".formatted(region, expected, max(), picture.inside(), picture.waitingOutside(),
                        whyTooMany));
            }
            if (picture.inside().size() < expected) {
                throw new AssertionError("""
                        Too few threads %s: %d may be there at once, but only %d got in %s; %d waited \
                        outside %s for room that was there%s.
                        Why: %s""".formatted(region, expected, picture.inside().size(), picture.inside(),
                        picture.waitingOutside().size(), picture.waitingOutside(),
                        picture.finished().isEmpty() ? ""
                                : ", and %d finished without staying %s".formatted(picture.finished().size(), picture.finished()),
                        whyTooFew));
            }
        }

        /** The workers of this crowd waiting outside right now (for example, to interrupt one). */
        public List<Thread> waitingOutside() {
            var threads = workers.threads();
            var waiting = new ArrayList<Thread>();
            for (int i = 0; i < threads.size(); i++) {
                if (isWaitingOutside(i, threads.get(i))) {
                    waiting.add(threads.get(i));
                }
            }
            return waiting;
        }

        /** This crowd's threads, in the order of their index. */
        public List<Thread> threads() {
            return workers.threads();
        }

        /**
         * Waits for this crowd's workers to finish, at most {@code deadline}, without letting anyone
         * out; fails like {@link Workers#awaitCompletion(Duration)} when one threw or is stuck.
         */
        public void awaitCompletion(Duration deadline) {
            workers.awaitCompletion(deadline);
        }

        /**
         * {@link #finish(Duration)}, deciding "stuck" early: when every worker still running waits
         * in a call made by code of {@code type} and none has moved for {@value #STUCK_MILLIS} ms
         * (the region is open, so nothing the test holds keeps them), it fails at once, like
         * {@link Workers#awaitCompletion(Duration, Class, Duration)}.
         */
        public void finish(Duration deadline, Class<?> type) {
            letOut();
            workers.awaitCompletion(deadline, type, Duration.ofMillis(STUCK_MILLIS));
        }

        /** Lets this crowd's threads in {@link #stayInside()} go on, and later ones pass straight through. */
        public void letOut() {
            exit.countDown();
        }

        /**
         * Lets this crowd out of the region and waits for its workers to finish, at most
         * {@code deadline}; fails like {@link Workers#awaitCompletion(Duration)} when one threw or
         * is stuck.
         */
        public void finish(Duration deadline) {
            letOut();
            workers.awaitCompletion(deadline);
        }

        /** Lets this crowd out and interrupts its workers that still wait outside. */
        @Override
        public void close() {
            letOut();
            waitingOutside().forEach(Thread::interrupt);
        }

        private void rethrowFirstFailure() {
            var first = failures.peek();
            if (first != null) {
                var cause = first.cause();
                var error = cause instanceof AssertionError assertion
                        ? new AssertionError("in thread \"" + first.worker() + "\": " + assertion.getMessage(), assertion)
                        : new AssertionError("thread \"" + first.worker() + "\" threw " + cause, cause);
                failures.stream().skip(1).forEach(f -> error.addSuppressed(f.cause()));
                throw error;
            }
        }

        /** Where everyone stands, or null while a worker of this crowd is still on the move. */
        private Picture pictureOrNull() {
            var waiting = new ArrayList<String>();
            var finished = new ArrayList<String>();
            var threads = workers.threads();
            for (int i = 0; i < threads.size(); i++) {
                var thread = threads.get(i);
                if (thread.getState() == Thread.State.TERMINATED) {
                    finished.add(thread.getName());
                } else if (isWaitingOutside(i, thread)) {
                    waiting.add(thread.getName());
                } else if (!isParkedInside(thread)) {
                    return null;
                }
            }
            return new Picture(whoIsInside(), waiting, finished);
        }

        private boolean isParkedInside(Thread thread) {
            return parked.contains(thread) && isBlocked(thread);
        }

        private boolean isWaitingOutside(int index, Thread thread) {
            return started.get(index) == 1 && !inside.contains(thread) && isBlocked(thread);
        }

        private static boolean isBlocked(Thread thread) {
            return switch (thread.getState()) {
                case BLOCKED, WAITING, TIMED_WAITING -> true;
                default -> false;
            };
        }

        private AssertionError unsettled(Duration deadline) {
            var threads = workers.threads();
            var moving = new ArrayList<Thread>();
            for (int i = 0; i < threads.size(); i++) {
                var thread = threads.get(i);
                if (thread.isAlive() && !isParkedInside(thread) && !isWaitingOutside(i, thread)) {
                    moving.add(thread);
                }
            }
            return new AssertionError("""
                    After %s, %d of %d "%s" threads were still neither %s nor waiting outside: they \
                    kept running. Code that makes threads wait for room must block them, not keep them \
                    busy:
                    %s""".formatted(Durations.readable(deadline), moving.size(), threads.size(), name, region,
                    moving.isEmpty() ? "  (they settled just now)" : ThreadReport.describe(moving).stripTrailing()));
        }
    }

    @Override
    public String toString() {
        return inside() + " " + region + " " + whoIsInside() + ", at most " + max() + " at once";
    }
}
