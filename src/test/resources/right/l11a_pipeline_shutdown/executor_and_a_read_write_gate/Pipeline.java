package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Right, with a fixed pool of exactly {@code workers} threads running the worker loop, stopped by
 * shutdownNow() at the limit; the room is a Semaphore, and a read-write lock makes "check closed,
 * then add" one step for each submitter (many submitters at once, under the read lock) against
 * shutdown's close (under the write lock). The stop marker is a field of the pipeline, compared by
 * identity.
 */
public final class Pipeline<T> {

    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private final Object stop = new Object();
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile boolean closed; // written under the write lock
    private final int workers;
    private final Handler<T> handler;
    private final ExecutorService pool;

    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.room = new Semaphore(capacity);
        this.workers = workers;
        this.handler = handler;
        this.pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(this::work);
        }
    }

    public boolean submit(T item, Duration timeout) throws InterruptedException {
        if (closed || !room.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        gate.readLock().lock();
        try {
            if (!closed) {
                queue.add(item);
                return true;
            }
        } finally {
            gate.readLock().unlock();
        }
        room.release();
        return false;
    }

    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        gate.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                for (int i = 0; i < workers; i++) {
                    queue.add(stop);
                }
            }
        } finally {
            gate.writeLock().unlock();
        }
        pool.shutdown();
        boolean interrupted = false;
        try {
            pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        pool.shutdownNow();
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        var left = new ArrayList<T>();
        for (Object entry = queue.poll(); entry != null; entry = queue.poll()) {
            if (entry != stop) {
                @SuppressWarnings("unchecked")
                T item = (T) entry;
                left.add(item);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left;
    }

    @SuppressWarnings("unchecked")
    private void work() {
        try {
            for (Object entry = queue.take(); entry != stop; entry = queue.take()) {
                room.release();
                try {
                    handler.handle((T) entry);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable failure) {
                    // the item failed; the worker goes on with the next
                }
            }
        } catch (InterruptedException e) {
            // stopped at the limit
        }
    }
}
