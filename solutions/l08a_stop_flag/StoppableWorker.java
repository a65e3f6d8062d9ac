package l08a_stop_flag;

/**
 * A worker that repeats one step until it is asked to stop.
 *
 * <p>Why this is right: the flag is {@code volatile}. A write to a volatile field happens-before
 * every later read of that field, so the thread running the loop sees a stop request made by any
 * other thread, at the next check; and the JIT may not keep a volatile field in a register across
 * iterations. Nothing more is needed: the flag only ever goes from false to true, so there is no
 * read-modify-write to protect, and {@code stop()} never waits.
 *
 * <p>Memory consistency effects: everything a thread did before calling {@code stop()}
 * happens-before the worker's loop ends.
 */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private volatile boolean stopRequested;

    public StoppableWorker(Runnable step) {
        this.step = step;
    }

    /** Runs the step again and again until a stop is requested; returns without a step if it already was. */
    @Override
    public void run() {
        while (!stopRequested) {
            step.run();
        }
    }

    /** Asks the worker to stop after the step it is running; returns at once. */
    public void stop() {
        stopRequested = true;
    }

    /** Whether a stop has been requested; from any thread. */
    public boolean isStopRequested() {
        return stopRequested;
    }
}
