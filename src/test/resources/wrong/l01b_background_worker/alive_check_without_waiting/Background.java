package l01b_background_worker;

import java.time.Duration;

/** Wrong: isAlive() answers at once without waiting, so a worker that would finish in time is reported as not finished. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        return !worker.isAlive();
    }
}
