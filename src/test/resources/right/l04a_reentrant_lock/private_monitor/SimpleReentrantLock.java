package l04a_reentrant_lock;

/**
 * Right, with a private monitor: the same owner, count and while-loop as the reference, but
 * guarded by a private object instead of {@code this}, so that no outside code can synchronize on
 * the lock's monitor and wake (or block) its waiters. Every read and write of the two fields is
 * made holding {@code monitor}, and only the last unlock wakes the waiters.
 */
public class SimpleReentrantLock {

    private final Object monitor = new Object();
    private Thread owner; // guarded by monitor
    private int holdCount; // guarded by monitor

    public void lock() throws InterruptedException {
        var me = Thread.currentThread();
        synchronized (monitor) {
            while (owner != null && owner != me) {
                monitor.wait();
            }
            owner = me;
            holdCount++;
        }
    }

    public void unlock() {
        synchronized (monitor) {
            if (owner != Thread.currentThread()) {
                throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
            }
            if (--holdCount == 0) {
                owner = null;
                monitor.notifyAll();
            }
        }
    }

    public int getHoldCount() {
        synchronized (monitor) {
            return owner == Thread.currentThread() ? holdCount : 0;
        }
    }
}
