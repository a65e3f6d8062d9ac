package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: without setDaemon(true) a thread takes its creator's flag, and main's threads are not daemons. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger threadsMade = new AtomicInteger();

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return new Thread(task, prefix + "-" + threadsMade.incrementAndGet());
    }
}
