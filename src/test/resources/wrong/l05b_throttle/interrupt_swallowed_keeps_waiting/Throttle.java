package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/** Wrong: an interrupt while waiting is noted and the wait goes on, so a caller asked to stop still waits for a slot and runs its task. */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
    }

    public <T> T call(Callable<T> task) throws Exception {
        boolean interrupted = false;
        while (true) {
            try {
                slots.acquire();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            return task.call();
        } finally {
            slots.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
