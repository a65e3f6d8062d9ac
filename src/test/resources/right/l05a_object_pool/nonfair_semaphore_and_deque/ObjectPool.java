package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Right, with a non-fair Semaphore and a ConcurrentLinkedDeque used as a stack: the pool promises
 * at most one borrower per object and a bounded wait, not an order, so barging is allowed. The
 * most recently returned object is lent first (warm connections stay warm).
 */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final Deque<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedDeque<>(objects);
        this.idlePermits = new Semaphore(objects.size());
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        if (!idlePermits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        T object = idle.pop();
        try {
            work.accept(object);
        } finally {
            idle.push(object);
            idlePermits.release();
        }
        return true;
    }
}
