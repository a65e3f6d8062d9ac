package l05a_object_pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Right, with a ReentrantLock and one Condition, woken with signal(): each return frees exactly
 * one object, so waking exactly one waiter is enough, and a waiter that is signalled and
 * interrupted at once returns normally (the Condition keeps the signal), so no wake-up is lost.
 * awaitNanos returns what is left of the one deadline, so early wake-ups never restart the timeout.
 */
public class ObjectPool<T> {

    private final Lock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final Deque<T> idle; // guarded by lock

    public ObjectPool(Collection<? extends T> objects) {
        this.idle = new ArrayDeque<>(objects);
    }

    public boolean tryBorrow(Duration timeout, Consumer<? super T> work) throws InterruptedException {
        long left = timeout.toNanos();
        T object;
        lock.lockInterruptibly();
        try {
            while (idle.isEmpty()) {
                if (left <= 0) {
                    return false;
                }
                left = returned.awaitNanos(left);
            }
            object = idle.removeFirst();
        } finally {
            lock.unlock();
        }
        try {
            work.accept(object);
        } finally {
            lock.lock();
            try {
                idle.addLast(object);
                returned.signal();
            } finally {
                lock.unlock();
            }
        }
        return true;
    }
}
