package l02a_lost_update;

/**
 * A counter that several threads increment at the same time.
 *
 * <p>Both methods hold the counter's own lock ({@code synchronized} on {@code this}), so an
 * increment's read, add and write happen with no other thread in between, and {@code get()}
 * sees every increment that released the lock before it took it.
 *
 * <p>{@code AtomicInteger.incrementAndGet()} is the other right answer: one atomic instruction,
 * no lock at all.
 */
public class Counter {

    private int count; // guarded by this

    public synchronized void increment() {
        count++;
    }

    public synchronized int get() {
        return count;
    }
}
