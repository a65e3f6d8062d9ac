package l04a_reentrant_lock;

/** Wrong: a boolean flag does not know who locked, so the owner's second lock() waits for itself. */
public class SimpleReentrantLock {

    private boolean locked;

    public synchronized void lock() throws InterruptedException {
        while (locked) {
            wait();
        }
        locked = true;
    }

    public synchronized void unlock() {
        if (!locked) {
            throw new IllegalMonitorStateException("not locked");
        }
        locked = false;
        notifyAll();
    }

    public synchronized int getHoldCount() {
        return locked ? 1 : 0;
    }
}
