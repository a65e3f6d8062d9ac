package l00_testkit_fixtures;

/** The same counter with both methods synchronized: it loses nothing. */
public class GuardedCounter {

    private int count; // guarded by this

    public synchronized void increment() {
        count++;
    }

    public synchronized int get() {
        return count;
    }
}
