package l01b_background_worker;

import java.time.Duration;

/** Wrong: sleeping for the limit does not watch the worker, so the caller waits the whole limit even when the worker finished long before. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        Thread.sleep(limit);
        return !worker.isAlive();
    }
}
