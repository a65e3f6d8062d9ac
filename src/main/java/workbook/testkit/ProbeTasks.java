package workbook.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Tasks that find out whether the code they are handed to runs them all at the same time, each on
 * a thread of its own, and tell the test what they saw.
 *
 * <p>A test that only checks that every task ran passes code that runs them one after another, and
 * a test that measures a speed-up fails correct code on a busy machine. Probe tasks check the thing
 * itself: once running, each task waits (up to a deadline) until all of them are running.
 * <ul>
 *   <li>Code that runs them at once lets them all meet within milliseconds.</li>
 *   <li>Code that runs them one after another leaves the first task waiting alone until its
 *       deadline; it then reports so, and the tasks after it give up at once, so a wrong answer
 *       fails in about a second. Code that runs only a few at a time (a pool with fewer threads
 *       than tasks) leaves those few waiting, and the first to give up reports how many ran.</li>
 *   <li>A task that runs on the thread that handed the tasks out was run in place, like a method
 *       call (a {@code Thread}'s {@code run()} instead of its {@code start()}), and reports so at
 *       once.</li>
 *   <li>A task that runs twice reports that.</li>
 * </ul>
 * Once they have all met, the tasks can also be {@linkplain #heldUntilReleased() held} until the
 * test {@linkplain #release() releases} them, so that the test can see what the code under test
 * does while its tasks are still running (for instance, whether it waits for them or returns).
 *
 * <pre>{@code
 * var probes = ProbeTasks.of("runAll", 5).heldUntilReleased();
 * var call = BlockingCall.call("caller", () -> {
 *     Concurrently.runAll(probes.handOut());
 *     return probes.finished();
 * });
 * probes.awaitAllRunning(Duration.ofSeconds(2));   // fails, saying what went wrong
 * assertThat(call.awaitWaitingOrDone(Duration.ofSeconds(2)) && !call.isDone()).isTrue();
 * probes.release();
 * }</pre>
 *
 * <p>A held task waits at most {@value #HOLD_SECONDS} s for its release, so a test that fails
 * before releasing leaves no thread behind for long.
 */
public final class ProbeTasks {

    static final Duration DEFAULT_MEETING_DEADLINE = Duration.ofSeconds(1);
    static final long HOLD_SECONDS = 10;

    private final String receiver;
    private final int count;
    private final List<Runnable> tasks;
    private Duration meetingDeadline = DEFAULT_MEETING_DEADLINE;
    private boolean held;

    private volatile Thread caller;
    private final AtomicIntegerArray runs;
    private final CountDownLatch running;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicReference<String> problem = new AtomicReference<>();
    private final AtomicInteger finished = new AtomicInteger();

    private ProbeTasks(String receiver, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("probing needs at least two tasks, not " + count);
        }
        this.receiver = receiver;
        this.count = count;
        this.runs = new AtomicIntegerArray(count);
        this.running = new CountDownLatch(count);
        this.tasks = IntStream.range(0, count).<Runnable>mapToObj(index -> () -> probe(index)).toList();
    }

    /**
     * {@code count} probe tasks for the code named {@code receiver} in the failure messages (for
     * example {@code "runAll"}).
     */
    public static ProbeTasks of(String receiver, int count) {
        return new ProbeTasks(receiver, count);
    }

    /** How long a running task waits for all the others to be running too (1 s unless set). */
    public ProbeTasks meetingDeadline(Duration deadline) {
        this.meetingDeadline = deadline;
        return this;
    }

    /** Once all have met, each task waits for {@link #release()} before it finishes. */
    public ProbeTasks heldUntilReleased() {
        this.held = true;
        return this;
    }

    /**
     * The tasks, to hand to the code under test, called on the thread that hands them over: a task
     * that later runs on this same thread was run in place, not on a thread of its own.
     */
    public List<Runnable> handOut() {
        caller = Thread.currentThread();
        return tasks;
    }

    /**
     * Waits, at most {@code deadline}, until every task is running at once. Fails with what the
     * tasks saw when one of them ran in place, ran twice or waited alone in vain, or when not all
     * of them had started by the deadline.
     */
    public void awaitAllRunning(Duration deadline) {
        boolean allMet;
        try {
            allMet = settled.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the probe tasks", e);
        }
        var seen = problem.get();
        if (seen != null) {
            throw new AssertionError(seen);
        }
        if (!allMet) {
            int started = started();
            throw new AssertionError(started == 0
                    ? """
                    None of the %d tasks handed to %s had started %s later: nothing ran them. \
                    Is each task given to a thread that is started, and does that thread's run() call the task?"""
                            .formatted(count, receiver, Durations.readable(deadline))
                    : """
                    Only %d of the %d tasks handed to %s had started %s later, and those were still \
                    waiting for the rest. Every task must be started, each on a thread of its own."""
                            .formatted(started, count, receiver, Durations.readable(deadline)));
        }
    }

    /** Lets held tasks finish. */
    public void release() {
        released.countDown();
    }

    /** True once every task is running, or one of them has found a problem to report. */
    public boolean isSettled() {
        return settled.getCount() == 0;
    }

    /** How many tasks have started (on a thread other than the caller's) so far. */
    public int started() {
        return (int) (count - running.getCount());
    }

    /** How many tasks have finished (returned from {@code run()}) so far. */
    public int finished() {
        return finished.get();
    }

    private void probe(int index) {
        try {
            var current = Thread.currentThread();
            if (runs.getAndIncrement(index) > 0) {
                report("Task %d ran a second time (on thread \"%s\"): each task must run exactly once."
                        .formatted(index, current.getName()));
                return;
            }
            if (current == caller) {
                report("""
                        Task %d ran on the thread that called %s ("%s"), not on a thread of its own: \
                        the caller could do nothing else until it finished.
                        Why: code that runs a task in place runs it on the caller's thread. Calling \
                        run() on a Thread does that (start() is what makes the new thread run it), and \
                        so does a parallel stream, whose caller works through some of the tasks itself."""
                        .formatted(index, receiver, current.getName()));
                return;
            }
            running.countDown();
            if (running.getCount() == 0) {
                settled.countDown();
            }
            if (problem.get() != null) {
                return;
            }
            if (!running.await(meetingDeadline.toNanos(), TimeUnit.NANOSECONDS)) {
                report(started() == 1 ? oneAfterAnother(index, current) : tooFewAtOnce(index, current));
                return;
            }
            if (held) {
                released.await(HOLD_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.incrementAndGet();
        }
    }

    private String oneAfterAnother(int index, Thread current) {
        return """
                Task %d started on thread "%s" and waited %s for the other tasks to be running too, \
                but it was the only one started by then: %s ran them one after another, not at the \
                same time.
                Why: each task stands for a slow call that only finishes when all %d are running at \
                once. Something waited for one task to finish before the next one was started (a \
                join() right after each start() does that)."""
                .formatted(index, current.getName(), Durations.readable(meetingDeadline), receiver, count);
    }

    private String tooFewAtOnce(int index, Thread current) {
        return """
                Task %d started on thread "%s" and waited %s for the other tasks to be running too, \
                but only %d of the %d tasks had started by then: %s ran a few at a time, not all of \
                them at once.
                Why: something limited how many tasks run at the same time, and the others waited \
                for a turn that never came. A pool with fewer threads than tasks does that \
                (Executors.newFixedThreadPool(n) runs at most n at once, and a pool sized to the \
                cores only looks big enough on a machine with many cores), and so does a parallel \
                stream. Give every task a thread of its own."""
                .formatted(index, current.getName(), Durations.readable(meetingDeadline), started(), count, receiver);
    }

    private void report(String what) {
        problem.compareAndSet(null, what);
        settled.countDown();
    }
}
