package l08a_stop_flag;

/** Right, with a private lock around the write and every read: an unlock happens-before the next lock of the same monitor. */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private final Object lock = new Object();
    private boolean stopRequested; // guarded by lock

    public StoppableWorker(Runnable step) {
        this.step = step;
    }

    /** Runs the step again and again until a stop is requested; returns without a step if it already was. */
    @Override
    public void run() {
        while (!isStopRequested()) {
            step.run();
        }
    }

    /** Asks the worker to stop after the step it is running; returns at once. */
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
        }
    }

    /** Whether a stop has been requested; from any thread. */
    public boolean isStopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }
}
