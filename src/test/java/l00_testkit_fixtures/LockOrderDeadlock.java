package l00_testkit_fixtures;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two threads taking two locks in opposite orders, with a barrier between the first and the second
 * lock so that the deadlock happens every time instead of now and then.
 */
public final class LockOrderDeadlock {

    private final Object first = new Object();
    private final Object second = new Object();
    private final ReentrantLock firstLock = new ReentrantLock();
    private final ReentrantLock secondLock = new ReentrantLock();
    private final CyclicBarrier bothHoldOne = new CyclicBarrier(2);

    /** Thread 0 takes first then second; thread 1 takes second then first; both monitors. */
    public void withMonitors(int thread) throws Exception {
        var mine = thread == 0 ? first : second;
        var theirs = thread == 0 ? second : first;
        synchronized (mine) {
            bothHoldOne.await();
            synchronized (theirs) {
                Thread.onSpinWait();
            }
        }
    }

    /** The same with ReentrantLocks, whose ownership the JVM reports as ownable synchronizers. */
    public void withReentrantLocks(int thread) throws Exception {
        var mine = thread == 0 ? firstLock : secondLock;
        var theirs = thread == 0 ? secondLock : firstLock;
        mine.lock();
        try {
            bothHoldOne.await();
            theirs.lock();
            theirs.unlock();
        } finally {
            mine.unlock();
        }
    }
}
