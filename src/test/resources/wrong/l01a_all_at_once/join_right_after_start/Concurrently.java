package l01a_all_at_once;

import java.util.List;

/** Wrong: joining each thread right after starting it waits for that task before the next one starts. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        for (var task : tasks) {
            var thread = new Thread(task);
            thread.start();
            thread.join();
        }
    }
}
