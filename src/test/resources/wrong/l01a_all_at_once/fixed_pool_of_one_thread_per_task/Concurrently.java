package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.Executors;

/** Wrong: Executors.newFixedThreadPool(0) throws IllegalArgumentException, so an empty list of tasks fails instead of returning at once. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var pool = Executors.newFixedThreadPool(tasks.size());
        try {
            pool.invokeAll(tasks.stream().map(Executors::callable).toList());
        } finally {
            pool.shutdown();
        }
    }
}
