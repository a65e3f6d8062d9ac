package l04a_reentrant_lock;

/** Wrong: the last unlock() leaves the owner set, so the lock still looks taken and waiters wait forever. */
public class SimpleReentrantLock {

    private Thread owner;
    private int holdCount;

    public synchronized void lock() throws InterruptedException {
        var me = Thread.currentThread();
        while (owner != null && owner != me) {
            wait();
        }
        owner = me;
        holdCount++;
    }

    public synchronized void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
        }
        holdCount--;
        if (holdCount == 0) {
            notifyAll();
        }
    }

    public synchronized int getHoldCount() {
        return owner == Thread.currentThread() ? holdCount : 0;
    }
}
