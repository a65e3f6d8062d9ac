package l10b_interruptible_worker;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Right, with the worker's state under a private lock instead of volatile fields: {@code run()}
 * registers its thread and looks at the request in one step, and {@code stop()} records the
 * request and interrupts the registered thread in one step, so neither can slip between the
 * other's read and write. The thread is unregistered under the same lock when {@code run()} ends,
 * so a late {@code stop()} never interrupts a thread that has moved on to other work. The lock is
 * held only for those moments, never while waiting or handling, so {@code stop()} never waits.
 */
public class InboxWorker<T> implements Runnable {

    private final BlockingQueue<T> inbox;
    private final Consumer<? super T> handler;
    private final Object lock = new Object();
    private boolean stopRequested;      // guarded by lock
    private Thread runner;              // guarded by lock

    public InboxWorker(BlockingQueue<T> inbox, Consumer<? super T> handler) {
        this.inbox = inbox;
        this.handler = handler;
    }

    @Override
    public void run() {
        synchronized (lock) {
            if (stopRequested) {
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            while (!isStopRequested()) {
                handler.accept(inbox.take());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                runner = null;
            }
        }
    }

    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    private boolean isStopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }
}
