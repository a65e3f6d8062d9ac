package l05a_object_pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wrong: it waits for an idle connection in one hold of the lock and takes it in a second. Two
 * borrowers can both see the last connection between the holds; the second finds the deque empty.
 */
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
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        synchronized (lock) {
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
