package l05b_throttle;

import java.util.concurrent.Callable;

/**
 * Right, with a count of running calls guarded by a private monitor, wait() and notifyAll(): a
 * caller waits while the count is at the limit, and counts itself in before it leaves the lock, so
 * the check and the increment are one step. wait() throws InterruptedException before the caller
 * has counted itself in, so an interrupted caller frees nothing. Every waiter waits for the same
 * thing (a free slot), so notify() would do as well as notifyAll() here; notifyAll is the choice
 * that stays right if the class ever waits for two different things on one monitor.
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
            running++;
        }
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
