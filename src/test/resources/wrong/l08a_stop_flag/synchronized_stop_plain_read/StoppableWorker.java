package l08a_stop_flag;

/** Wrong: stop() writes the flag under a lock, but the loop and isStopRequested() read it without that lock, so a compiled loop may never see it. */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private boolean stopRequested; // written under the lock, read without it

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
    public synchronized void stop() {
        stopRequested = true;
    }

    /** Whether a stop has been requested; from any thread. */
    public boolean isStopRequested() {
        return stopRequested;
    }
}
