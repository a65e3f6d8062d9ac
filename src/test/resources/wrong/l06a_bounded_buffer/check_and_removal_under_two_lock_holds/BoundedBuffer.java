package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: take() lets go of the lock between seeing an item and removing it, so two consumers can both see the same one. */
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
        notifyAll();
    }

    public T take() throws InterruptedException {
        synchronized (this) {
            while (items.isEmpty()) {
                wait();
            }
        }
        synchronized (this) {
            T item = items.removeFirst();
            notifyAll();
            return item;
        }
    }
}
