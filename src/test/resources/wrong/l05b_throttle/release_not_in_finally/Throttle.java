package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: the release is skipped when the task throws, so each failed task takes a slot away for good. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        slots.acquire();
        T result = task.call();
        slots.release();
        return result;
    }
}
