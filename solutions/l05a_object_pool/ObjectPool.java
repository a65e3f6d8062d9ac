package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A pool that lends a fixed set of objects (connections, say), each to one borrower at a time.
 *
 * <p>The semaphore counts the idle objects: one permit per object. A borrower takes a permit
 * before it takes an object, so whoever holds a permit is sure to find an object in the queue,
 * and nobody can take more objects than there are. {@code tryAcquire} with a timeout waits for a
 * permit and gives up when the time is over; the acquire happens before the {@code try}, because a
 * borrower that gave up (or was interrupted) holds no permit and must not give one back.
 *
 * <p>The {@code finally} gives the object back, then the permit, even when the borrower's work
 * throws: otherwise every failure would shrink the pool by one. The object goes back first, so
 * that the next permit holder finds it there.
 *
 * <p>The semaphore is fair: when an object comes back, the borrower who has waited longest gets
 * it, so a busy pool cannot leave one borrower waiting while later ones keep getting in.
 */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final Queue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedQueue<>(objects);
        this.idlePermits = new Semaphore(objects.size(), true);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        if (!idlePermits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        T object = idle.remove();
        try {
            work.accept(object);
        } finally {
            idle.add(object);
            idlePermits.release();
        }
        return true;
    }
}
