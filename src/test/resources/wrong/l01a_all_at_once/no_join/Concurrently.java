package l01a_all_at_once;

import java.util.List;

/** Wrong: the tasks run at once, but runAll returns without waiting for them to finish. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        for (var task : tasks) {
            new Thread(task).start();
        }
    }
}
