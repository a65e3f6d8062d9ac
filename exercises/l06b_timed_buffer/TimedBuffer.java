package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded buffer whose callers wait for room or for an item only as long as they say:
 * {@link #offer} gives up with {@code false} when the buffer stays full for the whole timeout,
 * {@link #poll} gives up with an empty {@code Optional} when it stays empty.
 *
 * <p>As shipped it never waits and never gives up: offer() overfills the buffer, poll() returns
 * empty at once, and nothing guards the deque. The lock and its two conditions are there to use.
 */
public class TimedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    public TimedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds {@code item} at the end, waiting at most {@code timeout} for room.
     *
     * @return true when the item was added, false when the buffer stayed full for the whole timeout
     */
    public boolean offer(T item, Duration timeout) throws InterruptedException {
        // TODO: under the lock, await notFull while the buffer is full, but no longer than the timeout
        //  in all; when the time is up and it is still full, return false. After adding, signal notEmpty.
        items.addLast(item);
        return true;
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout} for one.
     *
     * @return the item, or empty when the buffer stayed empty for the whole timeout
     */
    public Optional<T> poll(Duration timeout) throws InterruptedException {
        // TODO: the mirror image of offer(): await notEmpty while empty; after removing, signal notFull.
        return Optional.ofNullable(items.pollFirst());
    }
}
