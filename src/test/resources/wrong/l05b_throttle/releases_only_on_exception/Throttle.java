package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: the slot is freed in catch (Exception), not in finally, so a task that throws an Error keeps its slot for good. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        slots.acquire();
        T result;
        try {
            result = task.call();
        } catch (Exception e) {
            slots.release();
            throw e;
        }
        slots.release();
        return result;
    }
}
