package l04a_reentrant_lock;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a short-held {@code ReentrantLock} guarding the state and one {@code Condition} to
 * wait on. The inner lock is held only for the few steps of each call, never while the caller
 * works; the owner and the count are ours. {@code signal()} is enough: every waiter waits for the
 * same thing, the lock being free, and only one of them can have it; the one woken re-checks in
 * its while-loop, and {@code await()} throws InterruptedException when interrupted.
 */
public class SimpleReentrantLock {

    private final ReentrantLock guard = new ReentrantLock();
    private final Condition freed = guard.newCondition();
    private Thread owner; // guarded by guard
    private int holdCount; // guarded by guard

    public void lock() throws InterruptedException {
        var me = Thread.currentThread();
        guard.lockInterruptibly();
        try {
            while (owner != null && owner != me) {
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
