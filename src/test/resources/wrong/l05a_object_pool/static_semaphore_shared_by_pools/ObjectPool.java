package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Wrong: the semaphore is static, so every pool counts on the one made last, and borrowers of one pool take another pool's permits. */
public class ObjectPool<T> {

    private static Semaphore idlePermits;
    private final Queue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedQueue<>(objects);
        idlePermits = new Semaphore(objects.size(), true);
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
