package l02a_lost_update;

/**
 * A counter that several threads increment at the same time.
 *
 * <p>Both methods hold the counter's own lock ({@code synchronized} on {@code this}), so an
 * increment's read, add and write happen with no other thread in between, and {@code get()}
 * sees every increment that released the lock before it took it.
 *
 * <p>The lock is the counter itself, so any code that holds a reference to it can take the same
 * lock, and hold up the counter while it does. For a class this small that is a fair price; a
 * private lock object ({@code private final Object lock = new Object();}) keeps the lock to the
 * class. {@code AtomicInteger.incrementAndGet()} is another right answer, with no lock at all.
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
