package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/**
 * Right, with a plain counter under a private lock: taking the next number and naming the thread
 * happen while the lock is held, so two callers at once never read the same count. The lock is a
 * private object, so no other code can hold it and stall the executor.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final Object lock = new Object();
    private int threadsMade; // guarded by lock

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        int number;
        synchronized (lock) {
            number = ++threadsMade;
        }
        var thread = new Thread(task, prefix + "-" + number);
        thread.setDaemon(true);
        return thread;
    }
}
