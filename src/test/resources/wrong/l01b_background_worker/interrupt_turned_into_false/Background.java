package l01b_background_worker;

import java.time.Duration;

/** Wrong: catching the interrupt and answering false tells the caller the time ran out, when in fact it was asked to stop waiting. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) {
        try {
            return worker.join(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
