package l06a_bounded_buffer;

import java.util.ArrayDeque;

/**
 * Right, with synchronized, wait() and notifyAll() on a private lock object instead of the buffer
 * itself: no code outside the class can take the buffer's monitor, or wait and notify on it, so no
 * caller can stall it or steal its wake-ups.
 */
public class BoundedBuffer<T> {

    private final Object lock = new Object();
    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by lock
    private final int capacity;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public void put(T item) throws InterruptedException {
        synchronized (lock) {
            while (items.size() == capacity) {
                lock.wait();
            }
            items.addLast(item);
            lock.notifyAll();
        }
    }

    public T take() throws InterruptedException {
        synchronized (lock) {
            while (items.isEmpty()) {
                lock.wait();
            }
            T item = items.removeFirst();
            lock.notifyAll();
            return item;
        }
    }
}
