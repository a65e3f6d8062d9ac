package l11b_task_counter;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: each counter is atomic on its own, but a take or a report changes two of them in two steps, and counts() reads four moments. */
public final class TaskQueue<T> {

    /** The four counts as they all were at one instant. */
    public record Counts(int waiting, int inProgress, int done, int failed) {}

    private final LinkedBlockingQueue<T> waiting = new LinkedBlockingQueue<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    public void put(T task) {
        waiting.add(task);
    }

    public T take() throws InterruptedException {
        T task = waiting.take();
        inProgress.incrementAndGet();
        return task;
    }

    public void taskDone() {
        finishOne();
        done.incrementAndGet();
    }

    public void taskFailed() {
        finishOne();
        failed.incrementAndGet();
    }

    public synchronized boolean join(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() || inProgress.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public Counts counts() {
        return new Counts(waiting.size(), inProgress.get(), done.get(), failed.get());
    }

    private void finishOne() {
        if (inProgress.getAndUpdate(count -> count > 0 ? count - 1 : count) == 0) {
            throw new IllegalStateException("no task is in progress");
        }
        synchronized (this) {
            notifyAll();
        }
    }
}
