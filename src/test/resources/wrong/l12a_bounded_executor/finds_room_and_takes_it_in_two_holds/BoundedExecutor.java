package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wrong: the lock answer, with "is there a free place?" and "take it" in two holds of the lock: a
 * caller waits until it sees room, lets the lock go, and takes the lock again to count its place.
 * Another caller that comes in between sees the same place free and takes it too, so the executor
 * takes more tasks than it has places. The lock is not fair, so the caller that lets go almost
 * always takes it straight back; only a caller stopped between the two holds shows it.
 */
public final class BoundedExecutor implements AutoCloseable {

    private final ExecutorService pool;
    private final int places;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition placeFreed = lock.newCondition();
    private int taken; // guarded by lock

    public BoundedExecutor(int threads, int queued, ThreadFactory factory) {
        this.pool = Executors.newFixedThreadPool(threads, factory);
        this.places = threads + queued;
    }

    public void submit(Runnable task) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (taken == places) {
                placeFreed.await();
            }
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            taken++;
        } finally {
            lock.unlock();
        }
        handOver(task);
    }

    public boolean offer(Runnable task, Duration timeout) throws InterruptedException {
        long nanosLeft = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (taken == places) {
                if (nanosLeft <= 0) {
                    return false;
                }
                nanosLeft = placeFreed.awaitNanos(nanosLeft);
            }
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            taken++;
        } finally {
            lock.unlock();
        }
        handOver(task);
        return true;
    }

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
                    giveBack();
                }
            });
        } catch (RejectedExecutionException e) {
            giveBack();
            throw e;
        }
    }

    private void giveBack() {
        lock.lock();
        try {
            taken--;
            placeFreed.signal();
        } finally {
            lock.unlock();
        }
    }
}
