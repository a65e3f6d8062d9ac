package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/** Wrong: catching InterruptedException at each join and going on returns as if every task had finished, and hides the interrupt from the caller. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (var task : tasks) {
            var thread = new Thread(task);
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
