package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: only the waiting is synchronized; the deque is changed after letting go of the lock, so two consumers can take the one item there is. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public void put(T item) throws InterruptedException {
        synchronized (this) {
            while (items.size() == capacity) {
                wait();
            }
        }
        items.addLast(item);
        synchronized (this) {
            notifyAll();
        }
    }

    public T take() throws InterruptedException {
        synchronized (this) {
            while (items.isEmpty()) {
                wait();
            }
        }
        T item = items.pollFirst();
        synchronized (this) {
            notifyAll();
        }
        return item;
    }
}
