package l05b_throttle;

import java.util.concurrent.Callable;

/** Wrong: the wait is in an if, so every caller woken by notifyAll() takes a slot without checking again, and one freed slot lets them all in. */
public class Throttle {

    private final Object lock = new Object();
    private final int maxConcurrentCalls;
    private int running; // guarded by lock

    public Throttle(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public <T> T call(Callable<T> task) throws Exception {
        synchronized (lock) {
            if (running >= maxConcurrentCalls) {
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
