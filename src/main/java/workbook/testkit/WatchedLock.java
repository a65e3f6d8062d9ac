package workbook.testkit;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@code ReentrantLock} that tells a {@link Listener} whenever a thread tries it, takes it, or
 * lets go of it, so that a test can stop a thread at the moment that matters: right after it took
 * its first lock, say, which is where two threads taking two locks in opposite orders deadlock.
 *
 * <p>Hand it to the code under test where that code expects its lock (an account's lock, a fork):
 * whatever way the code takes it ({@code lock}, {@code lockInterruptibly}, {@code tryLock} with or
 * without a timeout), the listener hears of it, in the thread that did it. A listener that makes
 * {@link Listener#took} wait holds that thread there with the lock held.
 *
 * <pre>{@code
 * var fork = new WatchedLock("fork 0", hold);   // hold: a FirstLockHold
 * }</pre>
 */
public class WatchedLock extends ReentrantLock {

    /** What a test hears of a lock; each call comes in the thread that tried, took or let go. */
    public interface Listener {
        /** The current thread is about to try {@code lock}. */
        default void tried(WatchedLock lock) {}

        /** The current thread has just taken {@code lock} (and holds it while this runs). */
        default void took(WatchedLock lock) {}

        /** The current thread has just let go of {@code lock} once. */
        default void released(WatchedLock lock) {}
    }

    private final String name;
    private final Listener listener;

    public WatchedLock(String name, Listener listener) {
        this.name = name;
        this.listener = listener;
    }

    /** The thread holding the lock now, or null. */
    public Thread owner() {
        return getOwner();
    }

    public String name() {
        return name;
    }

    @Override
    public void lock() {
        listener.tried(this);
        super.lock();
        listener.took(this);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        listener.tried(this);
        super.lockInterruptibly();
        listener.took(this);
    }

    @Override
    public boolean tryLock() {
        listener.tried(this);
        boolean got = super.tryLock();
        if (got) {
            listener.took(this);
        }
        return got;
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        listener.tried(this);
        boolean got = super.tryLock(timeout, unit);
        if (got) {
            listener.took(this);
        }
        return got;
    }

    @Override
    public void unlock() {
        super.unlock();
        listener.released(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
