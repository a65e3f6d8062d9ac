package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Wrong: wait() takes milliseconds, and when less than one is left, wait(0) waits for ever instead of not at all. */
public class TimedBuffer<T> {

    private final Object monitor = new Object();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;

    public TimedBuffer(int capacity) {
        this.capacity = capacity;
    }

    public boolean offer(T item, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (items.size() == capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(TimeUnit.NANOSECONDS.toMillis(left));
            }
            items.addLast(item);
            monitor.notifyAll();
            return true;
        }
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                monitor.wait(TimeUnit.NANOSECONDS.toMillis(left));
            }
            T item = items.removeFirst();
            monitor.notifyAll();
            return Optional.of(item);
        }
    }
}
