package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: one permit fewer than the limit, so one slot is never used and callers wait for nothing. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls - 1, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        slots.acquire();
        try {
            return task.call();
        } finally {
            slots.release();
        }
    }
}
