package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: waits until a slot is free, then gives it back before the task runs, so tasks run holding no slot. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        awaitFreeSlot();
        return task.call();
    }

    private void awaitFreeSlot() throws InterruptedException {
        slots.acquire();
        slots.release();
    }
}
