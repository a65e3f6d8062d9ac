package l11a_pipeline_shutdown;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Worker threads that handle the items producers submit, through a queue of limited room, with a
 * shutdown that refuses new items and loses none it accepted.
 *
 * <p>As shipped the workers handle items, and that is all: nothing ever stops them, so a program
 * that uses the pipeline never ends, and {@code shutdown} neither refuses new items nor says what
 * was left unhandled.
 *
 * @param <T> the items
 */
public final class Pipeline<T> {

    /** What a worker does with one item. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item) throws Exception;
    }

    private final BlockingQueue<T> queue;
    private final Handler<T> handler;

    /** Starts {@code workers} threads that handle what is submitted; at most {@code capacity} items wait. */
    public Pipeline(int capacity, int workers, Handler<T> handler) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        for (int i = 0; i < workers; i++) {
            Thread.ofPlatform().name("pipeline-worker-" + i).daemon().start(this::work);
        }
    }

    /**
     * Accepts {@code item} as soon as there is room, waiting at most {@code timeout}.
     *
     * @return true when accepted; false when there was no room in time, or the pipeline is shut down
     */
    public boolean submit(T item, Duration timeout) throws InterruptedException {
        // TODO: refuse items once shutdown has begun, without losing one accepted meanwhile.
        return queue.offer(item, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Refuses new items from now on, lets the workers handle every accepted item for at most
     * {@code limit}, then stops them; returns, once every worker has ended, the accepted items that
     * no handler started (none, when the workers finished in time). An interrupt of the calling
     * thread cuts the wait short as the limit would, and stays set.
     */
    public List<T> shutdown(Duration limit) {
        // TODO: stop accepting, let the workers finish within the limit, then stop them and hand
        // back what no handler started.
        return List.of();
    }

    private void work() {
        while (true) {
            try {
                handler.handle(queue.take());
            } catch (Exception e) {
                // TODO: what should end a worker, and what should only fail one item?
            }
        }
    }
}
