package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.Executors;

/** Wrong: ExecutorService.close() does not throw when interrupted: it cancels the tasks and returns normally, so the caller cannot tell that runAll was interrupted. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var task : tasks) {
                executor.submit(task);
            }
        }
    }
}
