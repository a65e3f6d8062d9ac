package l10a_event;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Right, with one {@code CountDownLatch} for each time the flag is set: a latch cannot be closed
 * again, so {@code clear()} swaps in a fresh one if the current one is open. A waiter waits on the
 * latch it found when it started; {@code set()} opens that latch, which stays open, so a
 * {@code clear()} right after cannot strand it. The latch's {@code await} releases every waiter,
 * counts the timeout in nanoseconds, and throws {@link InterruptedException} before and during
 * the wait. The swap is a compare-and-set, so a {@code set()} and a {@code clear()} that race end
 * as if one came after the other.
 */
public class Event {

    private final AtomicReference<CountDownLatch> current = new AtomicReference<>(new CountDownLatch(1));

    public void set() {
        current.get().countDown();
    }

    public void clear() {
        current.updateAndGet(latch -> latch.getCount() == 0 ? new CountDownLatch(1) : latch);
    }

    public boolean isSet() {
        return current.get().getCount() == 0;
    }

    public boolean await(Duration timeout) throws InterruptedException {
        return current.get().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
