package l05a_object_pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Wrong: wait(left.toMillis()) becomes wait(0) once less than 1 ms is left, and wait(0) waits for ever. */
public class ObjectPool<T> {

    private final Object lock = new Object();
    private final Deque<T> idle; // guarded by lock

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ArrayDeque<>(objects);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T object;
        synchronized (lock) {
            while (idle.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(TimeUnit.NANOSECONDS.toMillis(left));
            }
            object = idle.removeFirst();
        }
        try {
            work.accept(object);
        } finally {
            synchronized (lock) {
                idle.addLast(object);
                lock.notifyAll();
            }
        }
        return true;
    }
}
