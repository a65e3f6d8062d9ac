package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wrong: shutdown() closes under tryLock(), so as never to wait for a submitter, and ignores its
 * result: when a submitter holds the lock at that moment, signalAll() and unlock() throw
 * IllegalMonitorStateException and the pipeline is never closed.
 */
public final class Pipeline<T> {

    /** What a worker does with one item. */
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

    /** Starts {@code workers} threads that handle what is submitted; at most {@code capacity} items wait. */
    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.capacity = capacity;
        this.handler = handler;
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofPlatform().name("pipeline-worker-" + i).start(this::work));
        }
    }

    /**
     * Accepts {@code item} as soon as there is room, waiting at most {@code timeout}.
     *
     * @return true when accepted; false when there was no room in time, or the pipeline is shut down
     */
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

    /**
     * Refuses new items from now on, lets the workers handle every accepted item for at most
     * {@code limit}, then stops them; returns, once every worker has ended, the accepted items that
     * no handler started (none, when the workers finished in time). An interrupt of the calling
     * thread cuts the wait short as the limit would, and stays set.
     */
    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        lock.tryLock();
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
                var self = Thread.currentThread();
                self.getUncaughtExceptionHandler().uncaughtException(self, failure);
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
