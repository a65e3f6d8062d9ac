package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with no BlockingQueue at all: one ReentrantLock guards the items and the closed flag,
 * submitters wait for room in {@code notFull}, workers wait for items in {@code notEmpty}. Closing
 * wakes every waiter: submitters then see the flag and are refused, workers drain what is left and
 * end when the queue is empty and closed. At the limit the workers are interrupted and joined, and
 * what is still in the queue is handed back.
 */
public final class Pipeline<T> {

    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<T> items = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    private final int capacity;
    private final Handler<T> handler;
    private final List<Thread> workers = new ArrayList<>();

    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.capacity = capacity;
        this.handler = handler;
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofPlatform().name("worker-" + i).start(this::work));
        }
    }

    public boolean submit(T item, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (!closed && items.size() == capacity) {
                if (left <= 0) {
                    return false;
                }
                left = notFull.awaitNanos(left);
            }
            if (closed) {
                return false;
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.lock();
        try {
            closed = true;
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        for (var worker : workers) {
            try {
                worker.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
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
        lock.lock();
        try {
            var left = new ArrayList<>(items);
            items.clear();
            return left;
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            T item;
            lock.lock();
            try {
                while (items.isEmpty() && !closed) {
                    notEmpty.await();
                }
                if (items.isEmpty()) {
                    return;
                }
                item = items.removeFirst();
                notFull.signal();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
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
    }
}
