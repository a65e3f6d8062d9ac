package l07b_daemon_factory;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the threads of an executor that works in the background of a program, such as a search
 * index kept warm: {@code Executors.newFixedThreadPool(2, new DaemonThreadFactory("indexer"))}.
 *
 * <p>Every thread is made a daemon here, explicitly: left alone, a new thread takes the flag of the
 * thread that creates it, and an executor creates its threads on whichever thread hands it a task.
 * The thread is returned unstarted, because the executor starts it. The number in the name comes
 * from an {@code AtomicInteger}: a thread pool calls {@code newThread} on whichever threads hand it
 * tasks, several at once, and {@code count++} on a plain field could give two threads the same
 * number (lesson 02).
 *
 * <p>{@code Thread.ofPlatform().name(prefix + "-", 1).daemon().factory()} makes a factory that
 * does all of this too, and is safe for several threads at once.
 */
public class DaemonThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger threadsMade = new AtomicInteger();

    public DaemonThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        var thread = new Thread(task, prefix + "-" + threadsMade.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
