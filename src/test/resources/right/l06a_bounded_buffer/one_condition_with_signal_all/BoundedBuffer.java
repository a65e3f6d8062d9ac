package l06a_bounded_buffer;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a ReentrantLock and a single condition woken with signalAll(): both sides wait in one
 * wait set, as with wait() and notifyAll(), so every change wakes everyone and each woken thread
 * checks its own condition in its while loop. The lock is released in finally.
 */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by lock
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public void put(T item) throws InterruptedException {
        lock.lock();
        try {
            while (items.size() == capacity) {
                changed.await();
            }
            items.addLast(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public T take() throws InterruptedException {
        lock.lock();
        try {
            while (items.isEmpty()) {
                changed.await();
            }
            T item = items.removeFirst();
            changed.signalAll();
            return item;
        } finally {
            lock.unlock();
        }
    }
}
