package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

/** Wrong: a pool of one thread per core runs at most that many tasks at once; the rest queue up, however slowly the running ones wait. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            pool.invokeAll(tasks.stream().map(Executors::callable).toList());
        } finally {
            pool.shutdown();
        }
    }
}
