package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: the acquire is inside the try, so a caller interrupted while waiting releases a permit it never got. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        try {
            slots.acquire();
            return task.call();
        } finally {
            slots.release();
        }
    }
}
