package l02a_lost_update;

/** Wrong: get() "only reads", so it skips the lock; a reading thread may never see the increments made meanwhile. */
public class Counter {

    private int count;

    public synchronized void increment() {
        count++;
    }

    public int get() {
        return count;
    }
}
