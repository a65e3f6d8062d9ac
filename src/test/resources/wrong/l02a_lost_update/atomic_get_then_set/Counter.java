package l02a_lost_update;

import java.util.concurrent.atomic.AtomicInteger;

/** Wrong: get() and set() are each atomic, but another thread can run between them. */
public class Counter {

    private final AtomicInteger count = new AtomicInteger();

    public void increment() {
        count.set(count.get() + 1);
    }

    public int get() {
        return count.get();
    }
}
