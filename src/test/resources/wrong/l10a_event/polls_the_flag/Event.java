package l10a_event;

import java.time.Duration;

/**
 * Wrong: await() looks at the flag every millisecond instead of waiting to be woken. A set() and a
 * clear() that both fall between two looks release nobody, and the waiters go on polling to their
 * timeout (a busy waiter keeps waking up, too).
 */
public class Event {

    private volatile boolean set;

    public void set() {
        set = true;
    }

    public void clear() {
        set = false;
    }

    public boolean isSet() {
        return set;
    }

    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!set) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
