package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: a static counter is shared by every factory, so a second factory's first thread is not prefix-1. */
public class DaemonThreadFactory implements ThreadFactory {

    private static final AtomicInteger THREADS_MADE = new AtomicInteger();

    private final String prefix;

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        var thread = new Thread(task, prefix + "-" + THREADS_MADE.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
