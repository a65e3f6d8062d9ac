package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs slow tasks, such as network calls, all at the same time.
 *
 * <p>Two loops, in this order: the first starts a thread for every task and does not wait for any
 * of them, so all the tasks are running before the caller waits for the first; the second joins
 * every thread, so {@code runAll} returns only when all have finished, and everything the tasks
 * did is visible to the caller afterwards (a thread's actions happen-before {@code join()} returns
 * on it). Joining inside the first loop would wait for each task before starting the next: the
 * tasks would run one after another again, only on other threads.
 *
 * <p>The threads are named after their task's place in the list, so a thread dump or a stack
 * trace says which task a thread was running.
 */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var threads = new ArrayList<Thread>(tasks.size());
        for (var task : tasks) {
            var thread = new Thread(task, "task-" + threads.size());
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
    }
}
