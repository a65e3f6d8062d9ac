package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wrong: the pool is never shut down, so its threads stay behind after every call, waiting for work that never comes. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool();
        pool.invokeAll(tasks.stream().map(Executors::callable).toList());
    }
}
