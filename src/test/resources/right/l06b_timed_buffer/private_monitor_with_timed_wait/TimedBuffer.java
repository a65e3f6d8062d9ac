package l06b_timed_buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Right, with synchronized on a private object, timed waits and notifyAll(): a deadline fixed once
 * per call, and each wait for the nanoseconds left, through TimeUnit.timedWait, which waits at
 * least that long (a part of a millisecond is rounded up, never down to wait(0), which would wait
 * for ever). A zero or negative timeout never waits.
 */
public class TimedBuffer<T> {

    private final Object monitor = new Object();
    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by monitor
    private final int capacity;

    public TimedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public boolean offer(T item, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.NANOSECONDS.convert(timeout);
        synchronized (monitor) {
            while (items.size() == capacity) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            items.addLast(item);
            monitor.notifyAll();
            return true;
        }
    }

    public Optional<T> poll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.NANOSECONDS.convert(timeout);
        synchronized (monitor) {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            T item = items.removeFirst();
            monitor.notifyAll();
            return Optional.of(item);
        }
    }
}
