package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: new Thread(name) makes a thread with nothing to run; the task handed to newThread() is dropped. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger threadsMade = new AtomicInteger();

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        var thread = new Thread(prefix + "-" + threadsMade.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
