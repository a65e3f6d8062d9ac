package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Wrong: the acquire is inside the try, so a borrower who gave up still releases a permit it never got. */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final Queue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedQueue<>(objects);
        this.idlePermits = new Semaphore(objects.size(), true);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        T object = null;
        try {
            if (!idlePermits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            object = idle.remove();
            work.accept(object);
            return true;
        } finally {
            if (object != null) {
                idle.add(object);
            }
            idlePermits.release();
        }
    }
}
