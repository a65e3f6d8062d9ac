package l04a_reentrant_lock;

/** Wrong: it remembers the owner by name, so another thread with the same name counts as the owner. */
public class SimpleReentrantLock {

    private String ownerName;
    private int holdCount;

    public synchronized void lock() throws InterruptedException {
        var me = Thread.currentThread().getName();
        while (ownerName != null && !ownerName.equals(me)) {
            wait();
        }
        ownerName = me;
        holdCount++;
    }

    public synchronized void unlock() {
        if (!Thread.currentThread().getName().equals(ownerName)) {
            throw new IllegalMonitorStateException(Thread.currentThread().getName() + " does not hold this lock");
        }
        holdCount--;
        if (holdCount == 0) {
            ownerName = null;
            notifyAll();
        }
    }

    public synchronized int getHoldCount() {
        return Thread.currentThread().getName().equals(ownerName) ? holdCount : 0;
    }
}
