package l01b_background_worker;

import java.time.Duration;

/** Wrong: isAlive() is false for a thread never started as well as for one that ended, so an unstarted worker is reported as finished. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        long nanos = limit.toNanos();
        if (nanos > 0) {
            worker.join(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
        return !worker.isAlive();
    }
}
