package l01b_background_worker;

import java.time.Duration;

/**
 * Starts slow work on a named background thread, and waits for it with a time limit, so that the
 * caller stays free to do other things meanwhile.
 *
 * <p>{@code start} names the thread when it creates it (the name shows up in thread dumps, stack
 * traces and the workbook's test reports), starts it and returns without waiting: the work goes
 * on in the background. {@code Thread.ofPlatform().name(name).start(work)} does the same in one
 * line.
 *
 * <p>{@code awaitAtMost} uses {@code join(Duration)} (Java 19 and later), which waits until the
 * thread ends or the time is up, whichever comes first, and returns which of the two it was. The
 * older {@code join(long millis)} waits the same way but returns nothing; after it, only
 * {@code isAlive()} tells whether the thread finished. Neither stops the worker: when the time
 * runs out, the worker goes on running, and the caller decides what to do.
 */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work, name);
        worker.start();
        return worker;
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        return worker.join(limit);
    }
}
