package l12a_bounded_executor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Right: a pool written by hand. {@code threads} workers, made by the factory, take tasks from a
 * queue guarded by a private monitor; a caller waits on that monitor while the tasks taken and not
 * yet finished fill every place. A worker catches what a task throws and hands it to its own
 * thread's uncaught-exception handler, then goes on, so that no place and no worker is lost; it
 * counts the task as finished first, in a {@code finally}. {@code close()} lets the workers drain
 * the queue and joins them.
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
