package l08a_stop_flag;

/** Wrong: run() clears the flag when it starts, so a stop() made just before the worker started is lost. */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private volatile boolean stopRequested;

    public StoppableWorker(Runnable step) {
        this.step = step;
    }

    /** Runs the step again and again until a stop is requested; returns without a step if it already was. */
    @Override
    public void run() {
        stopRequested = false;
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
