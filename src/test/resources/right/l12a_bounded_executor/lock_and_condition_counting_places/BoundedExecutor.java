package l12a_bounded_executor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right: the places are counted by hand under a {@code ReentrantLock}, and callers wait for one on
 * a {@code Condition}: the check for room and the taking of the place are one step under the lock,
 * {@code awaitNanos} keeps one budget across wake-ups, and a task gives its place back in a
 * {@code finally} and signals one waiter, which is enough because one place freed lets one caller in.
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
