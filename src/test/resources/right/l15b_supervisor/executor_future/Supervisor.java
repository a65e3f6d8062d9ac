package l15b_supervisor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * Right, with an executor and its {@code Future}: a submitted task that throws leaves what it
 * threw, exception or {@code Error}, in its future, and {@code get} hands it over as the cause of
 * an {@code ExecutionException}. Interrupted in {@code get}, the supervisor cancels the run, which
 * interrupts it, and leaving the {@code try} closes the executor, which waits for the run to end.
 * A new executor for each call keeps two supervisors apart; its one thread is reused for each run.
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
        var times = new ArrayList<Instant>();
        try (var executor = Executors.newSingleThreadExecutor()) {
            while (true) {
                var run = executor.submit(worker);
                try {
                    run.get();
                    return new Outcome.Finished(List.copyOf(crashes));
                } catch (ExecutionException crash) {
                    crashes.add(crash.getCause());
                    times.add(clock.instant());
                } catch (InterruptedException e) {
                    run.cancel(true);
                    throw e;
                }
                var now = times.getLast();
                long recent = times.stream().filter(time -> time.isAfter(now.minus(window))).count();
                if (recent >= maxCrashes) {
                    return new Outcome.GaveUp(List.copyOf(crashes));
                }
            }
        }
    }
}
