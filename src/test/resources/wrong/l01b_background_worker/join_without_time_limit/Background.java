package l01b_background_worker;

import java.time.Duration;

/** Wrong: join() with no time limit waits as long as the worker runs, however long the limit says. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        worker.join();
        return true;
    }
}
