package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Right, with synchronized methods, wait/notifyAll and virtual threads as workers: the pipeline's
 * own monitor guards the items and the closed flag, so the close and every "check, then add" are
 * one step each; closing notifies every waiter, submitters are refused, workers drain the queue
 * and end. At the limit the workers are interrupted and joined, and the rest is handed back.
 */
public final class Pipeline<T> {

    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private final Deque<T> items = new ArrayDeque<>(); // guarded by this
    private boolean closed; // guarded by this
    private final int capacity;
    private final Handler<T> handler;
    private final List<Thread> workers = new ArrayList<>();

    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.capacity = capacity;
        this.handler = handler;
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofVirtual().name("worker-" + i).start(this::work));
        }
    }

    public synchronized boolean submit(T item, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && items.size() == capacity) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (closed) {
            return false;
        }
        items.addLast(item);
        notifyAll();
        return true;
    }

    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = false;
        try {
            for (var worker : workers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    worker.join(Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        workers.forEach(Thread::interrupt);
        for (var worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            var left = new ArrayList<>(items);
            items.clear();
            return left;
        }
    }

    private void work() {
        try {
            while (true) {
                T item = next();
                if (item == null) {
                    return;
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

    /** The next item, or null once the pipeline is closed and empty. */
    private synchronized T next() throws InterruptedException {
        while (items.isEmpty() && !closed) {
            wait();
        }
        T item = items.pollFirst();
        if (item != null) {
            notifyAll();
        }
        return item;
    }
}
