package l10b_interruptible_worker;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/** Wrong: run() returns on an interrupt without setting the status again, so the code that owns the thread never learns it was interrupted. */
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
