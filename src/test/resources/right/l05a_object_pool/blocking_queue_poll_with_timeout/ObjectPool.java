package l05a_object_pool;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Right, with no Semaphore at all: a BlockingQueue of the idle objects counts them itself.
 * poll(timeout, unit) waits for one, hands it to exactly one caller, and returns null when the
 * time is over or throws InterruptedException; the object goes back in finally, which wakes the
 * next waiter.
 */
public class ObjectPool<T> {

    private final BlockingQueue<T> idle;

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new LinkedBlockingQueue<>(objects);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        T object = idle.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (object == null) {
            return false;
        }
        try {
            work.accept(object);
        } finally {
            idle.add(object);
        }
        return true;
    }
}
