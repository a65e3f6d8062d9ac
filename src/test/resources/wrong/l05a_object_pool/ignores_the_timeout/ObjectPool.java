package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Wrong: acquire() waits as long as it takes, so a borrower never gives up when its timeout passes. */
public class ObjectPool<T> {

    private final Semaphore idlePermits;
    private final Queue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ConcurrentLinkedQueue<>(objects);
        this.idlePermits = new Semaphore(objects.size(), true);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        idlePermits.acquire();
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
