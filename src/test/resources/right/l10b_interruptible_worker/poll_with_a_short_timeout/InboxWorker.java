package l10b_interruptible_worker;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Right, without interrupting anyone: the worker never blocks for long, it waits for an item at
 * most 10 ms at a time and looks at the volatile flag between waits, so {@code stop()} is seen
 * within about 10 ms, and the handler is never disturbed by it. This is how Python code has to
 * do it ({@code queue.get(timeout=...)} in a loop on an Event). The price is a wake-up a hundred
 * times a second on an idle worker. An interrupt still ends {@code poll()} at once with
 * {@link InterruptedException}, and {@code run()} sets the status again before it returns.
 */
public class InboxWorker<T> implements Runnable {

    private static final long POLL_MILLIS = 10;

    private final BlockingQueue<T> inbox;
    private final Consumer<? super T> handler;
    private volatile boolean stopRequested;

    public InboxWorker(BlockingQueue<T> inbox, Consumer<? super T> handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                T item = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    handler.accept(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void stop() {
        stopRequested = true;
    }
}
