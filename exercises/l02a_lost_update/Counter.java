package l02a_lost_update;

/**
 * A counter that several threads increment at the same time.
 *
 * <p>As shipped it loses increments whenever threads overlap, because {@code count++} is three
 * steps (read, add one, write back) and another thread can run between them. Make every
 * increment count, and make {@link #get()} see them all.
 */
public class Counter {

    private int count;

    public void increment() {
        // TODO: make the read, the add and the write one step that no other thread can split.
        count++;
    }

    public int get() {
        // TODO: read the count under the same protection as increment().
        return count;
    }
}
