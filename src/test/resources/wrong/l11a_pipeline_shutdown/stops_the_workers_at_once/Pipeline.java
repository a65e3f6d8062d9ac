package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wrong: shutdown() interrupts the workers at once instead of letting them finish the accepted items within the limit. */
public final class Pipeline<T> {

    /** What a worker does with one item. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    /** An accepted item, or (with no item) the marker that tells one worker to end. */
    private record Entry<T>(T item) {
        boolean isStop() {
            return item == null;
        }
    }

    private final BlockingQueue<Entry<T>> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    private final Handler<T> handler;
    private final Object gate = new Object();
    private boolean closed; // guarded by gate
    private final List<Thread> workers = new ArrayList<>();

    /** Starts {@code workers} threads that handle what is submitted; at most {@code capacity} items wait. */
    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.room = new Semaphore(capacity);
        this.handler = Objects.requireNonNull(handler, "handler");
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
        Objects.requireNonNull(item, "item");
        synchronized (gate) {
            if (closed) {
                return false;
            }
        }
        if (!room.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        synchronized (gate) {
            if (!closed) {
                queue.add(new Entry<>(item));
                return true;
            }
        }
        room.release();
        return false;
    }

    /**
     * Refuses new items from now on, lets the workers handle every accepted item for at most
     * {@code limit}, then stops them; returns, once every worker has ended, the accepted items that
     * no handler started (none, when the workers finished in time). An interrupt of the calling
     * thread cuts the wait short as the limit would, and stays set.
     */
    public List<T> shutdown(Duration limit) {
        synchronized (gate) {
            if (!closed) {
                closed = true;
                workers.forEach(worker -> queue.add(new Entry<>(null)));
            }
        }
        boolean interrupted = false;
        try {
            Thread.sleep(0);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        workers.forEach(Thread::interrupt);
        for (var worker : workers) {
            interrupted |= joinUninterruptibly(worker);
        }
        var left = new ArrayList<Entry<T>>();
        queue.drainTo(left);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return left.stream().filter(entry -> !entry.isStop()).map(Entry::item).toList();
    }

    private void work() {
        try {
            while (true) {
                var entry = queue.take();
                if (entry.isStop()) {
                    return;
                }
                room.release();
                handle(entry.item());
            }
        } catch (InterruptedException e) {
            // shutdown's limit is up: it hands back whatever is still queued
        }
    }

    private void handle(T item) throws InterruptedException {
        try {
            handler.handle(item);
        } catch (InterruptedException e) {
            throw e;
        } catch (Throwable failure) {
            var self = Thread.currentThread();
            self.getUncaughtExceptionHandler().uncaughtException(self, failure);
        }
    }

    /** Waits for {@code thread} to end, whatever interrupts come; true when one came meanwhile. */
    private static boolean joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
