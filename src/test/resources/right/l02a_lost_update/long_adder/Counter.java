package l02a_lost_update;

import java.util.concurrent.atomic.LongAdder;

/**
 * Right, with a LongAdder: each increment lands atomically in one of several cells, so none is
 * lost, and sum() adds up every cell, so once an increment has returned every later get() includes
 * it. Under heavy contention it scales better than one AtomicInteger.
 */
public class Counter {

    private final LongAdder count = new LongAdder();

    public void increment() {
        count.increment();
    }

    public int get() {
        return count.intValue();
    }
}
