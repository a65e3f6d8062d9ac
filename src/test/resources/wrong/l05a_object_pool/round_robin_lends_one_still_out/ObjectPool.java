package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Wrong: objects are handed out in turn, not from the idle ones, so an object still out is lent again when its turn comes. */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final List<T> objects;
    private final AtomicInteger next = new AtomicInteger();

    public ObjectPool(Collection<? extends T> objects) {
        this.objects = List.copyOf(objects);
        this.idlePermits = new Semaphore(objects.size(), true);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        if (!idlePermits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            work.accept(objects.get(Math.floorMod(next.getAndIncrement(), objects.size())));
        } finally {
            idlePermits.release();
        }
        return true;
    }
}
