package l04a_reentrant_lock;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: a Lock and Condition with if instead of while: any signal while another thread holds the lock lets the waiter in beside it. */
public class SimpleReentrantLock {

    private final ReentrantLock guard = new ReentrantLock();
    private final Condition freed = guard.newCondition();
    private Thread owner; // guarded by guard
    private int holdCount; // guarded by guard

    public void lock() throws InterruptedException {
        var me = Thread.currentThread();
        guard.lockInterruptibly();
        try {
            if (owner != null && owner != me) {
                freed.await();
            }
            owner = me;
            holdCount++;
        } finally {
            guard.unlock();
        }
    }

    public void unlock() {
        guard.lock();
        try {
            if (owner != Thread.currentThread()) {
                throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
            }
            if (--holdCount == 0) {
                owner = null;
                freed.signal();
            }
        } finally {
            guard.unlock();
        }
    }

    public int getHoldCount() {
        guard.lock();
        try {
            return owner == Thread.currentThread() ? holdCount : 0;
        } finally {
            guard.unlock();
        }
    }
}
