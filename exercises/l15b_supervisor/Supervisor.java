package l15b_supervisor;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Keeps a worker running: starts it on a thread of its own, starts it again when it crashes, and
 * gives up when it crashes too often.
 *
 * <p>As shipped, it runs the worker once and says it finished: a crash goes to the worker thread's
 * uncaught-exception handler, which prints it, and nobody starts the worker again.
 */
public final class Supervisor {

    /** How supervising ended, with every crash seen on the way, oldest first. */
    public sealed interface Outcome {
        List<Throwable> crashes();

        /** The worker returned normally, after these crashes. */
        record Finished(List<Throwable> crashes) implements Outcome {}

        /** The worker crashed {@code maxCrashes} times within the window; it was not started again. */
        record GaveUp(List<Throwable> crashes) implements Outcome {}
    }

    private Supervisor() {}

    /**
     * Runs {@code worker} on a thread of its own, and again each time it crashes (throws), until it
     * returns normally or has crashed {@code maxCrashes} times within less than {@code window}, as
     * told by {@code clock}.
     *
     * @throws InterruptedException when the calling thread is interrupted while it supervises; the
     *                              running worker is interrupted and has ended when this is thrown
     */
    public static Outcome supervise(Runnable worker, int maxCrashes, Duration window, InstantSource clock)
            throws InterruptedException {
        // TODO: notice when the worker crashes, start it again, and give up after maxCrashes crashes
        // within the window.
        var thread = Thread.ofPlatform().start(worker);
        thread.join();
        return new Outcome.Finished(List.of());
    }
}
