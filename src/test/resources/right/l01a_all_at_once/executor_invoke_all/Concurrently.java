package l01a_all_at_once;

import java.util.List;
import java.util.concurrent.Executors;

/**
 * Right, with an executor that starts a new thread for every task it is given
 * ({@code newThreadPerTaskExecutor}), so no task queues behind another. {@code invokeAll} waits
 * until every task has finished, and throws {@code InterruptedException} (cancelling the tasks
 * still running) if the caller is interrupted meanwhile. {@code shutdown()} in the finally lets
 * the executor end; its threads end with their tasks.
 */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("task-", 0).factory());
        try {
            executor.invokeAll(tasks.stream().map(Executors::callable).toList());
        } finally {
            executor.shutdown();
        }
    }
}
