package l02a_lost_update;

/** Wrong: count++ on an Integer makes a new object, so each thread may lock a different one and none waits. */
public class Counter {

    private Integer count = 0;

    public void increment() {
        synchronized (count) {
            count++;
        }
    }

    public int get() {
        synchronized (count) {
            return count;
        }
    }
}
