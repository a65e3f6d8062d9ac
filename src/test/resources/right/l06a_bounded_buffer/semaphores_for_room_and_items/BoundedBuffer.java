package l06a_bounded_buffer;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;

/**
 * Right, with two counting semaphores (lesson 05) and a lock for the deque: {@code room} holds a
 * permit per free slot and {@code stored} a permit per item. A producer first takes a slot (waiting
 * while there is none), a consumer first takes an item's permit, so by the time either holds the
 * deque's lock, there is sure to be room or an item: no condition to check again. The permit is
 * handed to the other side only after the deque has changed.
 */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by itself
    private final Semaphore room;
    private final Semaphore stored = new Semaphore(0);

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.room = new Semaphore(capacity);
    }

    public void put(T item) throws InterruptedException {
        room.acquire();
        synchronized (items) {
            items.addLast(item);
        }
        stored.release();
    }

    public T take() throws InterruptedException {
        stored.acquire();
        T item;
        synchronized (items) {
            item = items.removeFirst();
        }
        room.release();
        return item;
    }
}
