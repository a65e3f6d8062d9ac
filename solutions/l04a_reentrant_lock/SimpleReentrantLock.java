package l04a_reentrant_lock;

/**
 * A reentrant lock built from the lock object's own monitor and {@code wait()}/{@code notifyAll()}.
 *
 * <p>Why it is right:
 * <ul>
 *   <li>Every method is {@code synchronized}, so {@code owner} and {@code holdCount} are read and
 *       changed by one thread at a time, and each thread sees the others' changes.</li>
 *   <li>The owner is let in at once, one hold more: reentry never waits, so nested calls cannot
 *       deadlock on their own thread.</li>
 *   <li>A waiter checks again after every wakeup ({@code while}, not {@code if}): {@code wait()}
 *       also returns when another thread won the race for the lock, and sometimes for no reason at
 *       all (a spurious wakeup).</li>
 *   <li>{@code unlock()} refuses any thread but the owner, and frees the lock only when the count
 *       is back to zero: it clears the owner, then wakes the waiters. {@code notify()} would do
 *       here too, since every waiter waits for the same thing and only one can win, but
 *       {@code notifyAll()} stays right when that changes.</li>
 * </ul>
 *
 * <p>Locking on {@code this} lets outside code synchronize on the same monitor and interfere; the
 * tests use exactly that to wake the waiters at awkward moments. The JDK's own locks keep their
 * state in a private object for this reason.
 */
public class SimpleReentrantLock {

    private Thread owner; // guarded by this
    private int holdCount; // guarded by this

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
        return owner == Thread.currentThread() ? holdCount : 0;
    }
}
