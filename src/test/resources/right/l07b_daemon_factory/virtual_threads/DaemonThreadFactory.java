package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/**
 * Right, with virtual threads: a virtual thread is always a daemon, whoever creates it, so it never
 * keeps the JVM alive. The builder's factory numbers the names from 1, is safe for several threads
 * at once, and returns its threads unstarted.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final ThreadFactory virtualThreads;

    public DaemonThreadFactory(String prefix) {
        this.virtualThreads = Thread.ofVirtual().name(prefix + "-", 1).factory();
    }

    @Override
    public Thread newThread(Runnable task) {
        return virtualThreads.newThread(task);
    }
}
