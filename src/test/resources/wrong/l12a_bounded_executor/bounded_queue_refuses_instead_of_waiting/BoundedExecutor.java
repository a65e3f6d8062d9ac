package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wrong: a bounded queue with the default AbortPolicy refuses a task when full, with RejectedExecutionException, instead of making the caller wait. */
public final class BoundedExecutor implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    public BoundedExecutor(int threads, int queued, ThreadFactory factory) {
        BlockingQueue<Runnable> queue = queued == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queued);
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, queue, factory,
                new ThreadPoolExecutor.AbortPolicy());
    }

    public void submit(Runnable task) throws InterruptedException {
        pool.execute(task);
    }

    public boolean offer(Runnable task, Duration timeout) throws InterruptedException {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
