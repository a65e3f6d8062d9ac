package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: a signalled thread does not check again, though another thread may have got there first. */
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
        lock.lockInterruptibly();
        try {
            if (items.size() == capacity) {
                if (!notFull.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            items.addLast(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (items.isEmpty()) {
                if (!notEmpty.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    return Optional.empty();
                }
            }
            T item = items.removeFirst();
            notFull.signal();
            return Optional.of(item);
        } finally {
            lock.unlock();
        }
    }
}
