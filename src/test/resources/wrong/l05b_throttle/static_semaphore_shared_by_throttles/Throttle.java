package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: the semaphore is static, so every throttle counts on the one made last, and two throttles share one set of slots. */
public class Throttle {

    private static Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        slots = new Semaphore(maxConcurrentCalls, true);
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
