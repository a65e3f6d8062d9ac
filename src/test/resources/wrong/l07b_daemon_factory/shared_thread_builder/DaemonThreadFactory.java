package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/** Wrong: a Thread.Builder is not safe for several threads at once; its own name counter can hand out a number twice (its factory() is safe). */
public class DaemonThreadFactory implements ThreadFactory {

    private final Thread.Builder builder;

    public DaemonThreadFactory(String prefix) {
        this.builder = Thread.ofPlatform().name(prefix + "-", 1).daemon();
    }

    @Override
    public Thread newThread(Runnable task) {
        return builder.unstarted(task);
    }
}
