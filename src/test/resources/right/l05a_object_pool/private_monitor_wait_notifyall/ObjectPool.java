package l05a_object_pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Right, with wait/notifyAll on a private monitor guarding a plain ArrayDeque: every look at the
 * deque happens holding the lock, so it needs no thread-safety of its own. The wait keeps one
 * deadline for the whole call and waits in nanoseconds (TimeUnit.timedWait), so a sub-millisecond
 * rest never turns into wait(0); the lock is not held while the work runs.
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
