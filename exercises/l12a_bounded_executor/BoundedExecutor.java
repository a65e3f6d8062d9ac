package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * An executor that pushes back: it runs at most {@code threads} tasks at once, keeps at most
 * {@code queued} more waiting, and makes a caller wait (or gives up) when both are full.
 *
 * <p>As shipped, it hands every task to a fixed pool whose queue has no limit: a producer faster
 * than the pool fills the memory with waiting tasks, and nobody is ever told to slow down.
 */
public final class BoundedExecutor implements AutoCloseable {

    private final ExecutorService pool;

    /**
     * @param threads how many tasks may run at once, on threads made by {@code factory}
     * @param queued  how many more tasks may wait for a thread
     */
    public BoundedExecutor(int threads, int queued, ThreadFactory factory) {
        // TODO: limit how many tasks can be waiting.
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Hands {@code task} to a thread of the pool; waits while {@code threads} tasks run and
     * {@code queued} wait, until there is room.
     *
     * @throws InterruptedException when interrupted while waiting for room; the task is not taken
     * @throws java.util.concurrent.RejectedExecutionException after {@link #close()}
     */
    public void submit(Runnable task) throws InterruptedException {
        // TODO: wait for room first.
        pool.execute(task);
    }

    /**
     * Like {@link #submit}, but waits for room at most {@code timeout}.
     *
     * @return true when the task was taken, false when there was no room in time (it will not run)
     */
    public boolean offer(Runnable task, Duration timeout) throws InterruptedException {
        // TODO: wait for room at most timeout, as one budget.
        pool.execute(task);
        return true;
    }

    /** Takes no new tasks, and waits until every task already taken has run. */
    @Override
    public void close() {
        pool.close();
    }
}
