package l07b_daemon_factory;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Right, by adjusting the executors' default threads: Executors.defaultThreadFactory() makes a
 * non-daemon thread named pool-N-thread-M, and this factory renames it and makes it a daemon before
 * anyone starts it. The number comes from one atomic step, getAndIncrement(), so callers at once
 * never share one.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final ThreadFactory defaults = Executors.defaultThreadFactory();
    private final String prefix;
    private final AtomicLong nextNumber = new AtomicLong(1);

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        var thread = defaults.newThread(task);
        thread.setName(prefix + "-" + nextNumber.getAndIncrement());
        thread.setDaemon(true);
        return thread;
    }
}
