package l10b_interruptible_worker;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * A worker that takes items from an inbox, one at a time, and hands each to a handler, until it is
 * asked to stop: by {@link #stop()}, or by an interrupt of the thread that runs it.
 *
 * <p>One thread calls {@link #run()}; any other thread may call {@link #stop()} at any time, even
 * before the worker has started. As shipped, the worker never stops.
 */
public class InboxWorker<T> implements Runnable {

    private final BlockingQueue<T> inbox;
    private final Consumer<? super T> handler;
    // TODO: what stop() needs to reach the running worker, even while it waits in take().

    public InboxWorker(BlockingQueue<T> inbox, Consumer<? super T> handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    /** Takes items and hands each to the handler, in order, until stopped or interrupted. */
    @Override
    public void run() {
        while (true) {
            try {
                handler.accept(inbox.take());
            } catch (InterruptedException e) {
                // TODO: an interrupt is a request to stop
            }
        }
    }

    /** Asks the worker to stop after the item in hand, waking it if it waits for one; returns at once. */
    public void stop() {
        // TODO
    }
}
