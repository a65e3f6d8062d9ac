package l02a_lost_update;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a ReentrantLock: both methods hold the same lock, unlocked in finally, so an
 * increment is never split and get() sees every increment that released the lock before.
 */
public class Counter {

    private final ReentrantLock lock = new ReentrantLock();
    private int count; // guarded by lock

    public void increment() {
        lock.lock();
        try {
            count++;
        } finally {
            lock.unlock();
        }
    }

    public int get() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
