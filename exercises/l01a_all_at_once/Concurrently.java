package l01a_all_at_once;

import java.util.List;

/**
 * Runs slow tasks, such as network calls, all at the same time.
 *
 * <p>As shipped it runs them one after another on the caller's thread, so five calls of a second
 * each take five seconds. Run each task on a thread of its own, all at once, and return only when
 * every one of them has finished.
 */
public final class Concurrently {

    private Concurrently() {}

    public static void runAll(List<Runnable> tasks) throws InterruptedException {
        // TODO: give each task a thread of its own and start them all; then wait for every one to finish.
        for (var task : tasks) {
            task.run();
        }
    }
}
