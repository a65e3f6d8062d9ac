package l04a_reentrant_lock;

/** Wrong: unlock() checks that the lock is held, not who holds it, so any thread can open it. */
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
        if (holdCount == 0) {
            throw new IllegalMonitorStateException("not locked");
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
