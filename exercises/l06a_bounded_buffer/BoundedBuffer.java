package l06a_bounded_buffer;

import java.util.ArrayDeque;

/**
 * A buffer of fixed capacity between producer threads and consumer threads: {@link #put} waits
 * while the buffer is full, {@link #take} waits while it is empty, and items come out in the
 * order they went in.
 *
 * <p>As shipped it never waits: put() overfills it, take() returns null from an empty buffer, and
 * nothing guards the deque from two threads at once.
 */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code item} at the end, first waiting as long as the buffer is full. */
    public void put(T item) throws InterruptedException {
        // TODO: hold the buffer's lock; wait while it is full; after adding, wake the waiting consumers.
        items.addLast(item);
    }

    /** Removes and returns the oldest item, first waiting as long as the buffer is empty. */
    public T take() throws InterruptedException {
        // TODO: hold the buffer's lock; wait while it is empty; after removing, wake the waiting producers.
        return items.pollFirst();
    }
}
