package l02a_lost_update;

/** Wrong: a static count belongs to the class, so every Counter in the program adds into the same number. */
public class Counter {

    private static int count;

    public void increment() {
        synchronized (Counter.class) {
            count++;
        }
    }

    public int get() {
        synchronized (Counter.class) {
            return count;
        }
    }
}
