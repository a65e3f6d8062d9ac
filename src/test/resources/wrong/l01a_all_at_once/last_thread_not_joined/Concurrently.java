package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/** Wrong: the join loop stops one short, so runAll returns while the last task may still be running. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (var task : tasks) {
            var thread = new Thread(task);
            thread.start();
            threads.add(thread);
        }
        for (int i = 0; i < threads.size() - 1; i++) {
            threads.get(i).join();
        }
    }
}
