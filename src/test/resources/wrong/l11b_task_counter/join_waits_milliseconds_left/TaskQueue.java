package l11b_task_counter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Wrong: join() waits for the milliseconds left, and wait(0) for a timeout under a millisecond waits for ever. */
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
            wait(TimeUnit.NANOSECONDS.toMillis(left));
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
