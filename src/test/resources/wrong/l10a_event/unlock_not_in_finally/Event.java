package l10a_event;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: an interrupted await() leaves with the lock still held, because unlock() is not in a finally block, and every later set() waits for ever. */
public class Event {

    private final Lock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean set;        // guarded by lock
    private long timesSet;      // guarded by lock

    /** Sets the flag and releases every thread waiting in {@link #await}; does nothing if it is already set. */
    public void set() {
        lock.lock();
        try {
            if (!set) {
                set = true;
                timesSet++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Clears the flag: later calls of {@link #await} wait again until the next {@link #set}. */
    public void clear() {
        lock.lock();
        try {
            set = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the flag is set now; from any thread. */
    public boolean isSet() {
        lock.lock();
        try {
            return set;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set, at most {@code timeout}. Returns {@code true} at once if it is set,
     * {@code true} as soon as a {@link #set} happens while this thread waits (even if a {@link #clear}
     * follows at once), and {@code false} when the whole timeout passes with no {@code set}. A zero or
     * negative timeout only looks.
     *
     * @throws InterruptedException if the thread is interrupted before or while it waits
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanosLeft = timeout.toNanos();
        lock.lockInterruptibly();
        long startedAt = timesSet;
        while (!set && timesSet == startedAt) {
            if (nanosLeft <= 0) {
                lock.unlock();
                return false;
            }
            nanosLeft = changed.awaitNanos(nanosLeft);
        }
        lock.unlock();
        return true;
    }
}
