package l01a_all_at_once;

import java.util.List;

/** Wrong: sleeping waits for a fixed time, not for the tasks: slower tasks are still running when runAll returns, faster ones leave the caller waiting for nothing. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        for (var task : tasks) {
            new Thread(task).start();
        }
        Thread.sleep(1000);
    }
}
