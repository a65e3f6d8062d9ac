package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: a Lock and Condition with if instead of while, so a caller woken while every slot is still taken goes in anyway. */
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
            if (running >= maxConcurrentCalls) {
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
