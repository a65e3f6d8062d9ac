package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: put() wakes no one, so a consumer waiting on an empty buffer sleeps through the new item. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(T item) throws InterruptedException {
        while (items.size() == capacity) {
            wait();
        }
        items.addLast(item);
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        T item = items.removeFirst();
        notifyAll();
        return item;
    }
}
