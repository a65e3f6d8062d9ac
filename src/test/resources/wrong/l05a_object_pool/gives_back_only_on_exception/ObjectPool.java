package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Wrong: the object goes back in catch (Exception), not in finally, so work that throws an Error keeps it and its permit for good. */
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
        } catch (Exception e) {
            giveBack(object);
            throw e;
        }
        giveBack(object);
        return true;
    }

    private void giveBack(T object) {
        idle.add(object);
        idlePermits.release();
    }
}
