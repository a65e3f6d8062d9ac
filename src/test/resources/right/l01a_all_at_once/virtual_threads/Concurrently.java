package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/**
 * Right, with virtual threads from a {@code Thread.Builder}: each task still gets a thread of its
 * own, started in the first loop and joined in the second. A virtual thread that waits gives its
 * carrier back, so a few carriers run any number of waiting tasks at once; joining a virtual
 * thread publishes its work to the caller just as joining a platform thread does.
 */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var builder = Thread.ofVirtual().name("task-", 0);
        var threads = new ArrayList<Thread>(tasks.size());
        for (var task : tasks) {
            threads.add(builder.start(task));
        }
        for (var thread : threads) {
            thread.join();
        }
    }
}
