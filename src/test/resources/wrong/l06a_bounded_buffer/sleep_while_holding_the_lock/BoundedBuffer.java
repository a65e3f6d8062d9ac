package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: Thread.sleep() keeps the lock, so the thread that would change the buffer can never get in. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(T item) throws InterruptedException {
        while (items.size() == capacity) {
            Thread.sleep(10);
        }
        items.addLast(item);
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            Thread.sleep(10);
        }
        return items.removeFirst();
    }
}
