package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: nobody notifies; each waiting thread wakes up every 10 ms to look again, so every handoff waits for the clock. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(T item) throws InterruptedException {
        while (items.size() == capacity) {
            wait(10);
        }
        items.addLast(item);
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait(10);
        }
        return items.removeFirst();
    }
}
