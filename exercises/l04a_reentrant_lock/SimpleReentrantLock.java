package l04a_reentrant_lock;

/**
 * A reentrant lock built from Java's oldest tools: the lock object's own monitor
 * ({@code synchronized}) and {@code wait()}/{@code notifyAll()}.
 *
 * <p>As shipped it locks nothing at all. Make it behave like a small {@code ReentrantLock}: one
 * owner at a time; the owner may lock again (and must unlock as many times); other threads wait
 * until the owner's last unlock; only the owner may unlock.
 */
public class SimpleReentrantLock {

    // TODO: remember which thread owns the lock, and how many times it has locked it.

    /**
     * Takes the lock. The thread that already holds it gets it again at once, one hold more; any
     * other thread waits until the lock is free.
     *
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    public synchronized void lock() throws InterruptedException {
        // TODO: wait while another thread owns the lock; then take it, or take it once more.
    }

    /**
     * Gives back one hold. After the owner's last unlock the lock is free and waiting threads may
     * take it.
     *
     * @throws IllegalMonitorStateException when the calling thread does not hold the lock
     */
    public synchronized void unlock() {
        // TODO: refuse a thread that is not the owner; free the lock after the last hold.
    }

    /** How many times the calling thread holds this lock right now: 0 when it does not hold it. */
    public synchronized int getHoldCount() {
        // TODO
        return 0;
    }
}
