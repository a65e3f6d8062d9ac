package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: the factory starts the thread itself, so the executor's own start() throws IllegalThreadStateException. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger threadsMade = new AtomicInteger();

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return Thread.ofPlatform().name(prefix + "-" + threadsMade.incrementAndGet()).daemon().start(task);
    }
}
