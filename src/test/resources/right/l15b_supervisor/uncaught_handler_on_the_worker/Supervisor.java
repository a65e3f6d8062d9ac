package l15b_supervisor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Right, with the thread's own handler: each worker thread is built with an uncaught-exception
 * handler of its own, which the JVM calls on that thread with whatever ended it, exception or
 * {@code Error}, before the thread ends; so once {@code join} returns, the crash is there to
 * read. The recent crash times sit in a queue from which the crashes a whole window old are
 * dropped; {@code maxCrashes} of them left means give up.
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
        var crashes = new ArrayList<Throwable>();
        var recent = new ArrayDeque<Instant>();
        while (true) {
            var crash = new Throwable[1];
            var thread = Thread.ofPlatform()
                    .uncaughtExceptionHandler((crashed, failure) -> crash[0] = failure)
                    .start(worker);
            try {
                thread.join();
            } catch (InterruptedException e) {
                thread.interrupt();
                thread.join();
                throw e;
            }
            if (crash[0] == null) {
                return new Outcome.Finished(List.copyOf(crashes));
            }
            crashes.add(crash[0]);
            var now = clock.instant();
            recent.addLast(now);
            while (!recent.getFirst().isAfter(now.minus(window))) {
                recent.removeFirst();
            }
            if (recent.size() >= maxCrashes) {
                return new Outcome.GaveUp(List.copyOf(crashes));
            }
        }
    }
}
