package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: one permit more than the limit, so maxConcurrentCalls + 1 tasks run at once. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls + 1, true);
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
