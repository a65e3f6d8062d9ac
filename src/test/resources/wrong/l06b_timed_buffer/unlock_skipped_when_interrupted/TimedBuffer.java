package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: unlock() is called on every return but not in finally, so an interrupted wait throws with the lock still held. */
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
        while (items.size() == capacity) {
            if (nanosLeft <= 0) {
                lock.unlock();
                return false;
            }
            nanosLeft = notFull.awaitNanos(nanosLeft);
        }
        items.addLast(item);
        notEmpty.signal();
        lock.unlock();
        return true;
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long nanosLeft = TimeUnit.NANOSECONDS.convert(timeout);
        lock.lockInterruptibly();
        while (items.isEmpty()) {
            if (nanosLeft <= 0) {
                lock.unlock();
                return Optional.empty();
            }
            nanosLeft = notEmpty.awaitNanos(nanosLeft);
        }
        T item = items.removeFirst();
        notFull.signal();
        lock.unlock();
        return Optional.of(item);
    }
}
