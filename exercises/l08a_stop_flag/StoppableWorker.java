package l08a_stop_flag;

/**
 * A worker that repeats one step until it is asked to stop.
 *
 * <p>One thread calls {@link #run()}; any other thread may call {@link #stop()} at any time, even
 * before the worker has started. As shipped, a stop request may never reach the running worker:
 * once the JIT compiles the loop, it can read the flag once and spin on that copy for ever.
 */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    // TODO: make a stop request made by one thread visible to the thread running the loop.
    private boolean stopRequested;

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
