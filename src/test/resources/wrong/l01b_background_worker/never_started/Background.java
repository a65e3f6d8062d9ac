package l01b_background_worker;

import java.time.Duration;

/** Wrong: the thread is created and named but never started, so the work never runs. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        return new Thread(work, name);
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        return worker.join(limit);
    }
}
