package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Wrong: submit() checks the flag, then waits in offer(); an item that gets in after shutdown() emptied the queue is accepted and lost. */
public final class Pipeline<T> {

    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue;
    private final Handler<T> handler;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        for (int i = 0; i < workers; i++) {
            this.workers.add(Thread.ofPlatform().name("pipeline-worker-" + i).start(this::work));
        }
    }

    public boolean submit(T item, Duration timeout) throws InterruptedException {
        if (closed) {
            return false;
        }
        return queue.offer(item, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public List<T> shutdown(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        closed = true;
        boolean interrupted = false;
        try {
            for (int i = 0; i < workers.size(); i++) {
                queue.offer(STOP, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            for (var worker : workers) {
                worker.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
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
        var left = new ArrayList<>();
        queue.drainTo(left);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        var items = new ArrayList<T>();
        for (var entry : left) {
            if (entry != STOP) {
                @SuppressWarnings("unchecked")
                T item = (T) entry;
                items.add(item);
            }
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private void work() {
        try {
            while (true) {
                var entry = queue.take();
                if (entry == STOP) {
                    return;
                }
                try {
                    handler.handle((T) entry);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable failure) {
                    // the item failed; go on with the next
                }
            }
        } catch (InterruptedException e) {
            // stopped at the limit
        }
    }
}
