package l08a_stop_flag;

import java.util.concurrent.atomic.AtomicBoolean;

/** Right, with an AtomicBoolean: its get() and set() have the memory effects of a volatile read and write. */
public class StoppableWorker implements Runnable {

    private final Runnable step;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public StoppableWorker(Runnable step) {
        this.step = step;
    }

    /** Runs the step again and again until a stop is requested; returns without a step if it already was. */
    @Override
    public void run() {
        while (!stopRequested.get()) {
            step.run();
        }
    }

    /** Asks the worker to stop after the step it is running; returns at once. */
    public void stop() {
        stopRequested.set(true);
    }

    /** Whether a stop has been requested; from any thread. */
    public boolean isStopRequested() {
        return stopRequested.get();
    }
}
