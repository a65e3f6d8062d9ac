package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Wrong: acquireUninterruptibly() ignores an interrupt, so a caller waiting for room cannot be told to give up. */
public final class BoundedExecutor implements AutoCloseable {

    private final ExecutorService pool;
    private final Semaphore places;

    /**
     * @param threads how many tasks may run at once, on threads made by {@code factory}
     * @param queued  how many more tasks may wait for a thread
     */
    public BoundedExecutor(int threads, int queued, ThreadFactory factory) {
        this.pool = Executors.newFixedThreadPool(threads, factory);
        this.places = new Semaphore(threads + queued);
    }

    /**
     * Hands {@code task} to a thread of the pool; waits while {@code threads} tasks run and
     * {@code queued} wait, until there is room.
     *
     * @throws InterruptedException when interrupted while waiting for room; the task is not taken
     * @throws RejectedExecutionException after {@link #close()}
     */
    public void submit(Runnable task) throws InterruptedException {
        places.acquireUninterruptibly();
        handOver(task);
    }

    /**
     * Like {@link #submit}, but waits for room at most {@code timeout}.
     *
     * @return true when the task was taken, false when there was no room in time (it will not run)
     */
    public boolean offer(Runnable task, Duration timeout) throws InterruptedException {
        if (!places.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        handOver(task);
        return true;
    }

    /** Takes no new tasks, and waits until every task already taken has run. */
    @Override
    public void close() {
        pool.close();
    }

    private void handOver(Runnable task) {
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    places.release();
                }
            });
        } catch (RejectedExecutionException e) {
            places.release();
            throw e;
        }
    }
}
