package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/**
 * Right, by delegation to the JDK: a platform-thread builder named prefix-1, prefix-2, ... and made
 * daemon makes such a factory itself. The builder is used once, in the constructor; the factory it
 * makes is documented as safe for several threads at once, and returns its threads unstarted.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final ThreadFactory daemons;

    public DaemonThreadFactory(String prefix) {
        this.daemons = Thread.ofPlatform().name(prefix + "-", 1).daemon().factory();
    }

    @Override
    public Thread newThread(Runnable task) {
        return daemons.newThread(task);
    }
}
