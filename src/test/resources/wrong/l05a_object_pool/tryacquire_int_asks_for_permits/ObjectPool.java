package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Wrong: tryAcquire(int) takes a number of permits, not milliseconds, so a 10 s timeout asks for 10,000 permits and gets none. */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final Queue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedQueue<>(objects);
        this.idlePermits = new Semaphore(objects.size(), true);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        if (!idlePermits.tryAcquire((int) timeout.toMillis())) {
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
