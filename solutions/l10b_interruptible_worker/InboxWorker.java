package l10b_interruptible_worker;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * A worker that takes items from an inbox, one at a time, and hands each to a handler, until it is
 * asked to stop: by {@link #stop()}, or by an interrupt of the thread that runs it.
 *
 * <p>Why this is right: the stop request is a {@code volatile} flag, checked before every take, so
 * a request made before {@code run()} or during an item is seen in time; and {@code stop()} also
 * interrupts the running thread, which is the only way to end a {@code take()} that waits on an
 * empty inbox. The thread is recorded before the flag is first read, and {@code stop()} writes the
 * flag before it reads the thread; both fields are volatile, so at least one side sees the other:
 * either the loop sees the flag, or {@code stop()} sees the thread and interrupts it. An item is
 * handed to the handler as soon as {@code take()} returns it, whatever came in meanwhile, so no
 * taken item is ever dropped. When {@code take()} reports an interrupt, {@code run()} ends and sets
 * the flag again that {@link InterruptedException} cleared: {@code run()} cannot throw it, and the
 * code that owns the thread must still be able to see that it was interrupted.
 *
 * <p>Memory consistency effects: everything a thread did before {@code stop()} happens-before the
 * worker's loop ends; putting an item into the inbox happens-before the handler gets it.
 */
public class InboxWorker<T> implements Runnable {

    private final BlockingQueue<T> inbox;
    private final Consumer<? super T> handler;
    private volatile boolean stopRequested;
    private volatile Thread runner;

    public InboxWorker(BlockingQueue<T> inbox, Consumer<? super T> handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    /** Takes items and hands each to the handler, in order, until stopped or interrupted. */
    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            while (!stopRequested) {
                T item;
                try {
                    item = inbox.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                handler.accept(item);
            }
        } finally {
            runner = null;
        }
    }

    /** Asks the worker to stop after the item in hand, waking it if it waits for one; returns at once. */
    public void stop() {
        stopRequested = true;
        var thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
