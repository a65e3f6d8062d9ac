package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.LongAdder;

/** Wrong: increment() and sum() are two steps; two threads that both increment before either reads get the same number. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final LongAdder threadsMade = new LongAdder();

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        threadsMade.increment();
        var thread = new Thread(task, prefix + "-" + threadsMade.sum());
        thread.setDaemon(true);
        return thread;
    }
}
