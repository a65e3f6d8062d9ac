package l01b_background_worker;

import java.time.Duration;

/** Wrong: start() joins the thread it started, so the caller waits for the work instead of going on. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        return worker.join(limit);
    }
}
