package l11b_task_counter;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A queue of tasks that counts what it holds and what became of it, and whose {@code join} waits
 * until every task put in has been reported done or failed: Python's {@code queue.Queue} with
 * {@code task_done()} and {@code join()}, plus the counts a pipeline shows while it runs.
 *
 * <p>As shipped it hands tasks over, and that is all: it counts only the waiting ones, forgets
 * every task once it is taken, and its {@code join} returns at once.
 *
 * @param <T> the tasks
 */
public final class TaskQueue<T> {

    /** The four counts as they all were at one instant. */
    public record Counts(int waiting, int inProgress, int done, int failed) {}

    private final LinkedBlockingQueue<T> waiting = new LinkedBlockingQueue<>();

    /** Adds a task at the end of the queue; never waits. */
    public void put(T task) {
        waiting.add(task);
    }

    /** Takes the oldest waiting task, waiting for one if there is none; it is then in progress. */
    public T take() throws InterruptedException {
        // TODO: a taken task is in progress until it is reported done or failed.
        return waiting.take();
    }

    /** Reports that a task taken earlier is done. */
    public void taskDone() {
        // TODO: one task fewer in progress, one more done; refuse a report with no task in progress.
    }

    /** Reports that a task taken earlier failed. */
    public void taskFailed() {
        // TODO: one task fewer in progress, one more failed.
    }

    /**
     * Waits until no task is waiting and none is in progress, at most {@code timeout} in all.
     *
     * @return true when every task put in so far was reported, false when the timeout ran out first
     */
    public boolean join(Duration timeout) throws InterruptedException {
        // TODO: wait for every task to be reported, not only taken.
        return waiting.isEmpty();
    }

    /** The four counts, all taken at the same instant. */
    public Counts counts() {
        return new Counts(waiting.size(), 0, 0, 0);
    }
}
