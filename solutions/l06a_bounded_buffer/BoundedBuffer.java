package l06a_bounded_buffer;

import java.util.ArrayDeque;

/**
 * A buffer of fixed capacity between producer threads and consumer threads: {@link #put} waits
 * while the buffer is full, {@link #take} waits while it is empty, and items come out in the
 * order they went in.
 *
 * <p>Both methods are synchronized on the buffer, and wait on the buffer's own monitor, which
 * {@code wait()} releases while the thread sleeps and takes back before it returns. That monitor
 * is public: code outside the class that synchronizes on a buffer holds up every put and take
 * meanwhile, which is why library classes wait on a private lock object instead; here it keeps the
 * code as short as the lesson's. Four things make it right:
 * <ul>
 *   <li>each wait sits in a {@code while} loop: a thread that wakes up checks its condition again,
 *       because a woken consumer may find the item already taken by another consumer that got the
 *       lock first, and because {@code wait()} may return without any notify at all;</li>
 *   <li>every change that could let a waiting thread go on ends with {@code notifyAll()}: producers
 *       and consumers wait in the same wait set, so {@code notify()} could wake a thread of the same
 *       side, which goes back to sleep, and the wake-up the other side needed is lost;</li>
 *   <li>an interrupt ends the wait: {@code wait()} throws {@code InterruptedException} with the
 *       lock taken back, and the method lets it propagate before changing anything;</li>
 *   <li>the check, the wait and the change happen while holding the one lock, so no thread can
 *       slip in between "the buffer has room" and "add the item".</li>
 * </ul>
 */
public class BoundedBuffer<T> {

    private final ArrayDeque<T> items = new ArrayDeque<>(); // guarded by this
    private final int capacity;

    public BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void put(T item) throws InterruptedException {
        while (items.size() == capacity) {
            wait();
        }
        items.addLast(item);
        notifyAll();
    }

    public synchronized T take() throws InterruptedException {
        while (items.isEmpty()) {
            wait();
        }
        T item = items.removeFirst();
        notifyAll();
        return item;
    }
}
