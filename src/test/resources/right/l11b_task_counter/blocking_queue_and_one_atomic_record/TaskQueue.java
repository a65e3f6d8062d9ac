package l11b_task_counter;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Right, with a LinkedBlockingQueue for the hand-over and the four counts in one immutable record
 * swapped atomically: every change is one compare-and-set of the whole record, so counts() reads
 * one instant. A put refuses a null task before it counts anything, then counts its task before
 * adding it, and a take counts its task after taking it, so waiting never goes below zero. Joiners
 * wait on a private monitor that is notified, inside the monitor, after the record became idle, so
 * no wake-up is lost between a joiner's check and its wait.
 */
public final class TaskQueue<T> {

    /** The four counts as they all were at one instant. */
    public record Counts(int waiting, int inProgress, int done, int failed) {}

    private final LinkedBlockingQueue<T> tasks = new LinkedBlockingQueue<>();
    private final AtomicReference<Counts> counts = new AtomicReference<>(new Counts(0, 0, 0, 0));
    private final Object idle = new Object();

    public void put(T task) {
        Objects.requireNonNull(task, "task");
        counts.updateAndGet(c -> new Counts(c.waiting() + 1, c.inProgress(), c.done(), c.failed()));
        tasks.add(task);
    }

    public T take() throws InterruptedException {
        T task = tasks.take();
        counts.updateAndGet(c -> new Counts(c.waiting() - 1, c.inProgress() + 1, c.done(), c.failed()));
        return task;
    }

    public void taskDone() {
        finished(counts.updateAndGet(c -> new Counts(c.waiting(), lessInProgress(c), c.done() + 1, c.failed())));
    }

    public void taskFailed() {
        finished(counts.updateAndGet(c -> new Counts(c.waiting(), lessInProgress(c), c.done(), c.failed() + 1)));
    }

    public boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!isIdle(counts.get())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    public Counts counts() {
        return counts.get();
    }

    private static int lessInProgress(Counts counts) {
        if (counts.inProgress() == 0) {
            throw new IllegalStateException("no task is in progress");
        }
        return counts.inProgress() - 1;
    }

    private void finished(Counts now) {
        if (isIdle(now)) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private static boolean isIdle(Counts counts) {
        return counts.waiting() == 0 && counts.inProgress() == 0;
    }
}
