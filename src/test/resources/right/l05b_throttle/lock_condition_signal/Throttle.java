package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a ReentrantLock, one Condition and signal(): each finished call frees exactly one
 * slot, so waking one waiter is enough. The JDK's Condition does not lose a signal to an interrupt:
 * a waiter interrupted before it is signalled throws, and the signal goes to the next waiter; one
 * signalled first returns normally with its interrupt flag set.
 */
public class Throttle {

    private final Lock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private final int maxConcurrentCalls;
    private int running; // guarded by lock

    public Throttle(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public <T> T call(Callable<T> task) throws Exception {
        lock.lockInterruptibly();
        try {
            while (running >= maxConcurrentCalls) {
                slotFreed.await();
            }
            running++;
        } finally {
            lock.unlock();
        }
        try {
            return task.call();
        } finally {
            lock.lock();
            try {
                running--;
                slotFreed.signal();
            } finally {
                lock.unlock();
            }
        }
    }
}
