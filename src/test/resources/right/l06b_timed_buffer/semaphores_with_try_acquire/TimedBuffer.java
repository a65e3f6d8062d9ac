package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Right, with two counting semaphores (lesson 05) and a lock for the deque: {@code room} holds a
 * permit per free slot, {@code stored} one per item, and Semaphore.tryAcquire(timeout) already
 * waits at most the whole timeout, giving up at once when it is zero or less. Once a caller has
 * its permit, there is sure to be room or an item, so it never waits again; the permit for the
 * other side is released only after the deque has changed.
 */
public class TimedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by itself
    private final Semaphore room;
    private final Semaphore stored = new Semaphore(0);

    public TimedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.room = new Semaphore(capacity);
    }

    public boolean offer(T item, Duration timeout) throws InterruptedException {
        if (!room.tryAcquire(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS)) {
            return false;
        }
        synchronized (items) {
            items.addLast(item);
        }
        stored.release();
        return true;
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        if (!stored.tryAcquire(TimeUnit.NANOSECONDS.convert(timeout), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        T item;
        synchronized (items) {
            item = items.removeFirst();
        }
        room.release();
        return Optional.of(item);
    }
}
