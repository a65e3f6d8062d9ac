package l12a_bounded_executor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Wrong: the hand-written pool, with a worker's wait for a task and its taking of it in two holds
 * of the monitor. A worker that saw a task waiting lets the monitor go; another worker can take the
 * task in between, and the first then finds none, takes that for "closed" and ends while the
 * executor is open: from then on it runs one task fewer at once than it has threads.
 */
public final class BoundedExecutor implements AutoCloseable {

    private final Object monitor = new Object();
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>(); // guarded by monitor
    private final int places;
    private final List<Thread> workers = new ArrayList<>();
    private int taken; // guarded by monitor: waiting or running
    private boolean closed; // guarded by monitor

    public BoundedExecutor(int threads, int queued, ThreadFactory factory) {
        this.places = threads + queued;
        for (int i = 0; i < threads; i++) {
            var worker = factory.newThread(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    public void submit(Runnable task) throws InterruptedException {
        synchronized (monitor) {
            while (taken == places && !closed) {
                monitor.wait();
            }
            take(task);
        }
    }

    public boolean offer(Runnable task, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (taken == places && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            take(task);
            return true;
        }
    }

    @Override
    public void close() {
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        boolean interrupted = false;
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
    }

    private void take(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("the executor is closed");
        }
        taken++;
        waiting.add(task);
        monitor.notifyAll();
    }

    private void work() {
        while (true) {
            Runnable task;
            synchronized (monitor) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            synchronized (monitor) {
                task = waiting.poll();
                if (task == null) {
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable failure) {
                Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), failure);
            } finally {
                synchronized (monitor) {
                    taken--;
                    monitor.notifyAll();
                }
            }
        }
    }
}
