package l00_testkit_fixtures;

/**
 * A counter with a limit whose check and increment are two holds of its lock: wrong only when
 * another thread comes in between the holds, which a non-fair lock almost never lets happen.
 */
public class SplitCounter {

    private final Object lock = new Object();
    private final int limit;
    private int count; // guarded by lock

    public SplitCounter(int limit) {
        this.limit = limit;
    }

    public boolean addIfBelowLimit() {
        boolean room;
        synchronized (lock) {
            room = count < limit;
        }
        if (!room) {
            return false;
        }
        synchronized (lock) {
            count++;
        }
        return true;
    }

    public int count() {
        synchronized (lock) {
            return count;
        }
    }
}
