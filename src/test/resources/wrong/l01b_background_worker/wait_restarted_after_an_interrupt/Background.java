package l01b_background_worker;

import java.time.Duration;

/** Wrong: waiting again after an interrupt ignores the request to stop, and starts the whole limit over each time. */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return worker.join(limit);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
