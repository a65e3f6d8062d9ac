package l10a_event;

import java.time.Duration;

/** Wrong: one wait(timeout.toMillis()), as Python's wait(timeout) reads: 500 ns become wait(0), which waits for ever, and a clear() right after set() makes a released waiter report false. */
public class Event {

    private boolean set;        // guarded by this

    public synchronized void set() {
        set = true;
        notifyAll();
    }

    public synchronized void clear() {
        set = false;
    }

    public synchronized boolean isSet() {
        return set;
    }

    public synchronized boolean await(Duration timeout) throws InterruptedException {
        if (!set && !timeout.isNegative()) {
            wait(timeout.toMillis());
        }
        return set;
    }
}
