package l10a_event;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Wrong: one CountDownLatch for the event's whole life: a latch opens once and cannot be closed again, so clear() cannot clear it. */
public class Event {

    private final CountDownLatch latch = new CountDownLatch(1);

    public void set() {
        latch.countDown();
    }

    public void clear() {
        // a CountDownLatch has no way back to closed
    }

    public boolean isSet() {
        return latch.getCount() == 0;
    }

    public boolean await(Duration timeout) throws InterruptedException {
        return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
