package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/** Wrong: threadsMade++ on a plain field is read, add, write: two threads asking at once can get the same number. */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private int threadsMade;

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        var thread = new Thread(task, prefix + "-" + ++threadsMade);
        thread.setDaemon(true);
        return thread;
    }
}
