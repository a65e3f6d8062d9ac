package l02a_lost_update;

import java.util.concurrent.locks.StampedLock;

/**
 * Right, with a StampedLock: increments hold its write lock; get() first tries an optimistic read
 * and keeps the value only if no writer came in meanwhile (validate also orders the read after the
 * last write), else it reads again under the read lock.
 */
public class Counter {

    private final StampedLock lock = new StampedLock();
    private int count; // written under the write lock

    public void increment() {
        long stamp = lock.writeLock();
        try {
            count++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    public int get() {
        long stamp = lock.tryOptimisticRead();
        int seen = count;
        if (lock.validate(stamp)) {
            return seen;
        }
        stamp = lock.readLock();
        try {
            return count;
        } finally {
            lock.unlockRead(stamp);
        }
    }
}
