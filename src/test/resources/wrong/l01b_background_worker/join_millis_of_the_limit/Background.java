package l01b_background_worker;

import java.time.Duration;

/** Wrong: join(limit.toMillis()) waits for ever when the limit is under a millisecond (0 ms means no limit), and throws for a negative limit. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        worker.join(limit.toMillis());
        return !worker.isAlive();
    }
}
