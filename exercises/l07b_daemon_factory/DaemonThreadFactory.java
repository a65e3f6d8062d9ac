package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;

/**
 * Makes the threads of an executor that works in the background of a program, such as a search
 * index kept warm: {@code Executors.newFixedThreadPool(2, new DaemonThreadFactory("indexer"))}.
 *
 * <p>As shipped, its threads are named "Thread-7" and the like, and take the daemon flag of
 * whichever thread asks for them; an executor asks from the thread that hands it a task, usually
 * {@code main}, so its threads keep the program alive.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        // TODO: a daemon thread, named prefix-1, prefix-2, ... in the order asked for, not yet started.
        return new Thread(task);
    }
}
