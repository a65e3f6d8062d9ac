package l01b_background_worker;

import java.time.Duration;

/** Wrong: join(millis) also returns when the time is up, so returning true after it claims the worker finished when it may not have. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        worker.join(limit.toMillis());
        return true;
    }
}
