package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: a call that ends normally releases twice, so every call adds a slot to the throttle. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        slots.acquire();
        try {
            T result = task.call();
            slots.release();
            return result;
        } finally {
            slots.release();
        }
    }
}
