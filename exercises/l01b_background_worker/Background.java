package l01b_background_worker;

import java.time.Duration;

/**
 * Starts slow work on a named background thread, and waits for it with a time limit, so that the
 * caller stays free to do other things meanwhile.
 */
public final class Background {

    private Background() {}

    /**
     * Starts {@code work} on a new thread named {@code name} and returns that thread at once,
     * while the work runs.
     */
    public static Thread start(String name, Runnable work) {
        var worker = new Thread(work);
        // TODO: give the thread its name, and start it.
        return worker;
    }

    /**
     * Waits for {@code worker} to finish, but no longer than {@code limit}.
     *
     * @return true when the worker has finished, false when the time ran out first (the worker
     *     goes on running)
     */
    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        // TODO: wait for the worker, at most for the limit, then say whether it has finished.
        return !worker.isAlive();
    }
}
