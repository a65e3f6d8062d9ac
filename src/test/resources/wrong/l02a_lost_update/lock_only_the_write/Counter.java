package l02a_lost_update;

/** Wrong: the write is locked but the read is not, so two threads still read the same old value. */
public class Counter {

    private int count;

    public void increment() {
        int next = count + 1;
        synchronized (this) {
            count = next;
        }
    }

    public synchronized int get() {
        return count;
    }
}
