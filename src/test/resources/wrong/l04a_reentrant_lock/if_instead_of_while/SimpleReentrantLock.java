package l04a_reentrant_lock;

/** Wrong: a woken waiter takes the lock without checking again that it is free. */
public class SimpleReentrantLock {

    private Thread owner;
    private int holdCount;

    public synchronized void lock() throws InterruptedException {
        var me = Thread.currentThread();
        if (owner != null && owner != me) {
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
            owner = null;
            notifyAll();
        }
    }

    public synchronized int getHoldCount() {
        return owner == Thread.currentThread() ? holdCount : 0;
    }
}
