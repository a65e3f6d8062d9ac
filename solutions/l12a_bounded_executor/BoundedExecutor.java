package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * An executor that pushes back: it runs at most {@code threads} tasks at once, keeps at most
 * {@code queued} more waiting, and makes a caller wait (or gives up) when both are full.
 *
 * <p>Why it is right: a task takes up a place from the moment it is accepted until it has run, so
 * the places are counted by a {@code Semaphore} of {@code threads + queued} permits. A caller takes
 * a permit before it hands the task over ({@code acquire} waits, interruptibly; {@code tryAcquire}
 * with a timeout is one budget for the whole wait), and the task gives it back in a
 * {@code finally} when it ends, however it ends, an {@code Error} included. The pool's own queue
 * has no limit, but it can never hold more than {@code queued} tasks, because a task only reaches
 * it with a permit. Tasks are given with {@code execute}, not {@code submit}: what a task throws
 * then reaches its thread's uncaught-exception handler instead of a {@code Future} nobody reads.
 * When the pool refuses a task (after {@link #close()}), the permit goes back at once.
 */
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
        places.acquire();
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
