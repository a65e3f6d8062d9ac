package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/** Wrong: run() is an ordinary method call, so every task runs on the caller's thread, one after another. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (var task : tasks) {
            var thread = new Thread(task);
            thread.run();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
    }
}
