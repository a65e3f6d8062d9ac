package l05b_throttle;

import java.util.concurrent.Callable;

/**
 * Wrong: it waits for a free slot under the monitor, but counts itself in after letting go of it.
 * Two callers can both see the last slot free before either has counted itself in.
 */
public class Throttle {

    private final Object lock = new Object();
    private final int maxConcurrentCalls;
    private int running; // guarded by lock

    public Throttle(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public <T> T call(Callable<T> task) throws Exception {
        synchronized (lock) {
            while (running >= maxConcurrentCalls) {
                lock.wait();
            }
        }
        running++;
        try {
            return task.call();
        } finally {
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }
}
