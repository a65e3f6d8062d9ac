package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: producers and consumers share one wait set, and notify() may wake a thread of the same side. */
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
        notify();
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        T item = items.removeFirst();
        notify();
        return item;
    }
}
