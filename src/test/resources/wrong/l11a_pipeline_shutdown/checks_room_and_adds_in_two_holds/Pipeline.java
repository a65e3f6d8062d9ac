package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Wrong: submit checks for room and for closed in one hold of the lock, and adds the item in a
 * second. Between the holds another submitter can take the last place, or shutdown() can close the
 * pipeline and hand back what is left, so the item lands in a full queue or is lost.
 */
public final class Pipeline<T> {

    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private final Object lock = new Object();
    private final Deque<T> items = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private final int capacity;
    private final Handler<T> handler;
    private final ExecutorService pool;

    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.capacity = capacity;
        this.handler = handler;
        this.pool = Executors.newFixedThreadPool(workers);
        for (int i = 0; i < workers; i++) {
            pool.execute(this::work);
        }
    }

    public boolean submit(T item, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!closed && items.size() == capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (closed) {
                return false;
            }
        }
        synchronized (lock) {
            items.addLast(item);
            lock.notifyAll();
            return true;
        }
    }

    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        pool.shutdown();
        boolean interrupted = false;
        try {
            pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
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
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            var left = new ArrayList<>(items);
            items.clear();
            return left;
        }
    }

    private void work() {
        try {
            while (true) {
                T item;
                synchronized (lock) {
                    while (items.isEmpty() && !closed) {
                        lock.wait();
                    }
                    item = items.pollFirst();
                    if (item == null) {
                        return;
                    }
                    lock.notifyAll();
                }
                try {
                    handler.handle(item);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable failure) {
                    // the item failed; the worker goes on with the next
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // stopped at the limit
        }
    }
}
