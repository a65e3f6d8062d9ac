package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/** Wrong: one static list of threads is shared by every call, so a call also waits for the tasks of every other call, and calls at once corrupt the list. */
public final class Concurrently {

    private static final List<Thread> threads = new ArrayList<>();

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        for (var task : tasks) {
            var thread = new Thread(task);
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
    }
}
