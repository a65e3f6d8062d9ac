package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: a thread woken by notifyAll() does not check again, so a consumer can take from an empty buffer. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(T item) throws InterruptedException {
        if (items.size() == capacity) {
            wait();
        }
        items.addLast(item);
        notifyAll();
    }

    public synchronized T take() throws InterruptedException {
        if (items.isEmpty()) {
            wait();
        }
        T item = items.pollFirst();
        notifyAll();
        return item;
    }
}
