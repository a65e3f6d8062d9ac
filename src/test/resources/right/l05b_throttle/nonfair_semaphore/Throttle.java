package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Right, with a non-fair Semaphore: the throttle promises a limit, not an order, so a newcomer may
 * take a slot ahead of a caller that has waited longer. Acquire before the try, release once in
 * finally.
 */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls);
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
