package l02a_lost_update;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Right, with an atomic: incrementAndGet() is one indivisible read-add-write (a compare-and-set in
 * hardware), and get() is a volatile read, so it sees every increment that has returned.
 */
public class Counter {

    private final AtomicInteger count = new AtomicInteger();

    public void increment() {
        count.incrementAndGet();
    }

    public int get() {
        return count.get();
    }
}
