package l08a_stop_flag;

/** Wrong: the loop tests a copy of the flag taken once before it starts, which never changes. */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private volatile boolean stopRequested;

    public StoppableWorker(Runnable step) {
        this.step = step;
    }

    /** Runs the step again and again until a stop is requested; returns without a step if it already was. */
    @Override
    public void run() {
        boolean stop = stopRequested;
        while (!stop) {
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
