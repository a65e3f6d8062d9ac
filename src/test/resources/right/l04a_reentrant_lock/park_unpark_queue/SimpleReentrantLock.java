package l04a_reentrant_lock;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Right, without a monitor: a first-come-first-served queue of waiting threads that park, in the
 * style of the FIFO mutex in {@code LockSupport}'s Javadoc, made reentrant. A thread takes the
 * lock only when it is first in the queue and wins the compare-and-set of {@code owner}; after any
 * wakeup, real or spurious, it checks both again. {@code holdCount} is touched only by the owner,
 * and ownership passes through the volatile {@code owner}, which orders one owner's writes before
 * the next owner's reads. A waiter that is interrupted leaves the queue, wakes the next one in case
 * the wakeup was meant for it, and throws.
 */
public class SimpleReentrantLock {

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private int holdCount; // touched only by the owner

    public void lock() throws InterruptedException {
        var me = Thread.currentThread();
        if (owner.get() == me) {
            holdCount++;
            return;
        }
        waiters.add(me);
        while (waiters.peek() != me || !owner.compareAndSet(null, me)) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                waiters.remove(me);
                LockSupport.unpark(waiters.peek());
                throw new InterruptedException();
            }
        }
        waiters.remove();
        holdCount = 1;
    }

    public void unlock() {
        if (owner.get() != Thread.currentThread()) {
            throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
        }
        if (--holdCount == 0) {
            owner.set(null);
            LockSupport.unpark(waiters.peek());
        }
    }

    public int getHoldCount() {
        return owner.get() == Thread.currentThread() ? holdCount : 0;
    }
}
