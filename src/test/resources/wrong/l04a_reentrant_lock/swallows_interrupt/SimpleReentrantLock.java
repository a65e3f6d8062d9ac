package l04a_reentrant_lock;

/** Wrong: it catches InterruptedException and waits on, so an interrupted thread can never give up waiting. */
public class SimpleReentrantLock {

    private Thread owner;
    private int holdCount;

    public synchronized void lock() throws InterruptedException {
        var me = Thread.currentThread();
        while (owner != null && owner != me) {
            try {
                wait();
            } catch (InterruptedException e) {
                // keep waiting: the caller wants the lock
            }
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
