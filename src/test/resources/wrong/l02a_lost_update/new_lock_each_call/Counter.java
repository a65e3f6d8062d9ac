package l02a_lost_update;

/** Wrong: every call locks a brand-new object, so no two threads ever wait for each other. */
public class Counter {

    private int count;

    public void increment() {
        synchronized (new Object()) {
            count++;
        }
    }

    public int get() {
        synchronized (new Object()) {
            return count;
        }
    }
}
