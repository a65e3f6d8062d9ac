package l10a_event;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Right, with a private monitor and {@code wait}/{@code notifyAll}: every method takes the same
 * monitor, so the flag and the count of sets are consistent and visible; {@code notifyAll()} wakes
 * every waiter, and a waiter that sees the count moved returns {@code true} even if a
 * {@code clear()} got the monitor first. The wait is one budget, measured against a deadline in
 * nanoseconds and passed on with {@code TimeUnit.NANOSECONDS.timedWait}, so a sub-millisecond
 * timeout is never rounded down to {@code wait(0)}.
 */
public class Event {

    private final Object monitor = new Object();
    private boolean set;        // guarded by monitor
    private long timesSet;      // guarded by monitor

    public void set() {
        synchronized (monitor) {
            if (!set) {
                set = true;
                timesSet++;
                monitor.notifyAll();
            }
        }
    }

    public void clear() {
        synchronized (monitor) {
            set = false;
        }
    }

    public boolean isSet() {
        synchronized (monitor) {
            return set;
        }
    }

    public boolean await(Duration timeout) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before await()");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            long startedAt = timesSet;
            while (!set && timesSet == startedAt) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return true;
        }
    }
}
