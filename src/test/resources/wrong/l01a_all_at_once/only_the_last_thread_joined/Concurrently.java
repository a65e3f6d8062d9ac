package l01a_all_at_once;

import java.util.List;

/** Wrong: only the thread started last is joined, so runAll returns as soon as that one ends, whatever the others are still doing. */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        Thread last = null;
        for (var task : tasks) {
            last = new Thread(task);
            last.start();
        }
        if (last != null) {
            last.join();
        }
    }
}
