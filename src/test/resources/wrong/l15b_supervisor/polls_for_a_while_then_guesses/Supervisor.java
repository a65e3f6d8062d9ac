package l15b_supervisor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: waits for the worker only 200 ms (twenty looks, 10 ms apart), then takes it for ended: a worker that runs longer is reported finished while it still runs. */
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
        var crashTimes = new ArrayList<Instant>();
        while (true) {
            var crash = new AtomicReference<Throwable>();
            var thread = Thread.ofPlatform().start(() -> {
                try {
                    worker.run();
                } catch (Throwable failure) {
                    crash.set(failure);
                }
            });
            try {
                for (int look = 0; look < 20 && thread.isAlive(); look++) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                thread.interrupt();
                thread.join();
                throw e;
            }
            if (crash.get() == null) {
                return new Outcome.Finished(List.copyOf(crashes));
            }
            crashes.add(crash.get());
            crashTimes.add(clock.instant());
            int count = crashTimes.size();
            if (count >= maxCrashes && crashTimes.get(count - maxCrashes).plus(window).isAfter(crashTimes.getLast())) {
                return new Outcome.GaveUp(List.copyOf(crashes));
            }
        }
    }
}
