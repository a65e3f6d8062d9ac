package l04a_reentrant_lock;

/** Wrong: getHoldCount() returns the owner's count to every thread that asks, not 0 to the others. */
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
            owner = null;
            notifyAll();
        }
    }

    public synchronized int getHoldCount() {
        return holdCount;
    }
}
