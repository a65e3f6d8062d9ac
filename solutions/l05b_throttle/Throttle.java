package l05b_throttle;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Lets at most a fixed number of calls run at the same time; callers beyond that wait their turn.
 *
 * <p>One permit per slot. A call takes a permit before its task runs and gives it back in
 * {@code finally}, so the slot comes back however the task ends, and only after it has ended.
 * The {@code acquire} sits before the {@code try}: when it throws (the caller was interrupted while
 * waiting), the caller holds no permit, and releasing one would add a slot that was never there.
 * A {@code Semaphore} does not know who holds its permits, so nothing else would stop that.
 *
 * <p>The semaphore is fair, so callers get in in the order they started waiting, and a steady
 * stream of newcomers cannot keep an early caller waiting.
 */
public class Throttle {

    private final Semaphore slots;

    public Throttle(int maxConcurrentCalls) {
        this.slots = new Semaphore(maxConcurrentCalls, true);
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
