package l11b_task_counter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A queue of tasks that counts what it holds and what became of it, and whose {@code join} waits
 * until every task put in has been reported done or failed: Python's {@code queue.Queue} with
 * {@code task_done()} and {@code join()}, plus the counts a pipeline shows while it runs.
 *
 * <p>Why this is right: one monitor guards the waiting tasks and all three counters, so every
 * change of state (a put, a take, a task reported) is one step that no reader can see half made,
 * and {@link #counts()} reads all four numbers under that same monitor: they always add up to the
 * tasks put in so far, and a reader on another thread sees every change made before its read.
 * {@code join} waits for "nothing waiting and nothing in progress", not for an empty queue: a task
 * taken but not yet reported is still unfinished. Its timeout is one deadline for the whole call,
 * and every wait is in a {@code while} loop, because the monitor is also woken by puts and by
 * spurious wake-ups. {@code notifyAll} wakes every joiner (and every taker) when the queue falls
 * idle: with {@code notify} one woken thread would leave the others waiting for ever.
 *
 * <p>Memory consistency effects: whatever a thread did before {@code taskDone()} or
 * {@code taskFailed()} happens-before a {@code join} that returns true because of it.
 *
 * @param <T> the tasks
 */
public final class TaskQueue<T> {

    /** The four counts as they all were at one instant. */
    public record Counts(int waiting, int inProgress, int done, int failed) {}

    private final Deque<T> waiting = new ArrayDeque<>(); // guarded by this
    private int inProgress; // guarded by this
    private int done; // guarded by this
    private int failed; // guarded by this

    /** Adds a task at the end of the queue; never waits. */
    public synchronized void put(T task) {
        waiting.addLast(Objects.requireNonNull(task, "task"));
        notifyAll();
    }

    /** Takes the oldest waiting task, waiting for one if there is none; it is then in progress. */
    public synchronized T take() throws InterruptedException {
        while (waiting.isEmpty()) {
            wait();
        }
        inProgress++;
        return waiting.removeFirst();
    }

    /** Reports that a task taken earlier is done. */
    public synchronized void taskDone() {
        finishOne();
        done++;
    }

    /** Reports that a task taken earlier failed. */
    public synchronized void taskFailed() {
        finishOne();
        failed++;
    }

    /**
     * Waits until no task is waiting and none is in progress, at most {@code timeout} in all.
     *
     * @return true when every task put in so far was reported, false when the timeout ran out first
     */
    public synchronized boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isIdle()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** The four counts, all taken at the same instant. */
    public synchronized Counts counts() {
        return new Counts(waiting.size(), inProgress, done, failed);
    }

    private void finishOne() {
        if (inProgress == 0) {
            throw new IllegalStateException("no task is in progress: more tasks reported than taken");
        }
        inProgress--;
        if (isIdle()) {
            notifyAll();
        }
    }

    private boolean isIdle() {
        return waiting.isEmpty() && inProgress == 0;
    }
}
