package l00_testkit_fixtures;

/** A counter whose {@code count++} is not guarded: it loses updates when threads overlap. */
public class UnguardedCounter {

    private int count;

    public void increment() {
        count++;
    }

    public int get() {
        return count;
    }
}
