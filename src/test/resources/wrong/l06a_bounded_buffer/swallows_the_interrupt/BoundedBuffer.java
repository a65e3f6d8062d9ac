package l06a_bounded_buffer;

import java.util.ArrayDeque;

/** Wrong: an interrupted wait() is caught and waited again, so nobody can ever make a waiting caller stop. */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(T item) {
        while (items.size() == capacity) {
            try {
                wait();
            } catch (InterruptedException e) {
                // keep waiting: the item has to go in
            }
        }
        items.addLast(item);
        notifyAll();
    }

    public synchronized T take() {
        while (items.isEmpty()) {
            try {
                wait();
            } catch (InterruptedException e) {
                // keep waiting: the caller wants an item
            }
        }
        T item = items.removeFirst();
        notifyAll();
        return item;
    }
}
