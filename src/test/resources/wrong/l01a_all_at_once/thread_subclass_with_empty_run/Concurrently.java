package l01a_all_at_once;

import java.util.ArrayList;
import java.util.List;

/** Wrong: the Thread subclass keeps its task but its run() never calls it, so the threads start and do nothing. */
public final class Concurrently {

    private Concurrently() {}

    static final class TaskThread extends Thread {
        private final Runnable task;

        TaskThread(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
        }
    }

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        var threads = new ArrayList<Thread>();
        for (var task : tasks) {
            var thread = new TaskThread(task);
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
    }
}
