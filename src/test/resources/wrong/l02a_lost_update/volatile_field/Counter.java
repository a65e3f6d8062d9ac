package l02a_lost_update;

/** Wrong: volatile makes each read and write visible, but count++ is still three separate steps. */
public class Counter {

    private volatile int count;

    public void increment() {
        count++;
    }

    public int get() {
        return count;
    }
}
