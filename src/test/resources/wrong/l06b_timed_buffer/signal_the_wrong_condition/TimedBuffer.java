package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: each method signals the condition its own side waits in, so the other side is never woken. */
public class TimedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    public TimedBuffer(int capacity) {
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
            notFull.signal();
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
            notEmpty.signal();
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }
}
