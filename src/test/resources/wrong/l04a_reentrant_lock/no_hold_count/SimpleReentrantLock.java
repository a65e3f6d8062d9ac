package l04a_reentrant_lock;

/** Wrong: it lets the owner in again but does not count, so the first unlock() frees the lock under its caller. */
public class SimpleReentrantLock {

    private Thread owner;

    public synchronized void lock() throws InterruptedException {
        var me = Thread.currentThread();
        while (owner != null && owner != me) {
            wait();
        }
        owner = me;
    }

    public synchronized void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
        }
        owner = null;
        notifyAll();
    }

    public synchronized int getHoldCount() {
        return owner == Thread.currentThread() ? 1 : 0;
    }
}
