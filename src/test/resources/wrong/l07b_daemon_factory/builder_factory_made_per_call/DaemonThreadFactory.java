package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/** Wrong: a new builder's factory on every call starts counting at 1 again, so every thread is named prefix-1. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return Thread.ofPlatform().name(prefix + "-", 1).daemon().factory().newThread(task);
    }
}
