package l02a_lost_update;

/**
 * Right, with a lock for the update and volatile for the read: only increment() changes the count,
 * and it holds the lock, so no update is lost; the field is volatile, so get() without the lock
 * still sees the last value written (one int read cannot be caught halfway).
 */
public class Counter {

    private final Object lock = new Object();
    private volatile int count; // written only while holding lock

    public void increment() {
        synchronized (lock) {
            count++;
        }
    }

    public int get() {
        return count;
    }
}
