package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded buffer whose callers wait for room or for an item only as long as they say:
 * {@link #offer} gives up with {@code false} when the buffer stays full for the whole timeout,
 * {@link #poll} gives up with an empty {@code Optional} when it stays empty.
 *
 * <p>One lock guards the deque; two conditions of that lock keep the two kinds of waiters apart.
 * Producers wait in {@code notFull}, consumers in {@code notEmpty}, so a {@code signal()} always
 * reaches a thread of the side that can now go on, and one signal per change is enough (with a
 * single condition for both sides, a signal could wake the wrong side, as {@code notify()} can).
 *
 * <p>The timeout is a budget for the whole call, not for each wait. {@code awaitNanos} returns
 * the time that was left when the thread woke up, which becomes the next wait's limit; a thread
 * that wakes early (signalled, but another thread got the item first, or for no reason at all)
 * checks its condition again in the {@code while} loop and waits only for what is left. The lock
 * is released in {@code finally}, so no return and no exception can leave it held.
 */
public class TimedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by lock
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

    public boolean offer(T item, Duration timeout) throws InterruptedException {
        long nanosLeft = TimeUnit.NANOSECONDS.convert(timeout);
        lock.lockInterruptibly();
        try {
            while (items.size() == capacity) {
                if (nanosLeft <= 0) {
                    return false;
                }
                nanosLeft = notFull.awaitNanos(nanosLeft);
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long nanosLeft = TimeUnit.NANOSECONDS.convert(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanosLeft <= 0) {
                    return Optional.empty();
                }
                nanosLeft = notEmpty.awaitNanos(nanosLeft);
            }
            T item = items.removeFirst();
            notFull.signal();
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }
}
