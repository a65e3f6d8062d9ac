package l05b_throttle;

import java.util.concurrent.Callable;

/**
 * Lets at most a fixed number of calls run at the same time; callers beyond that wait their turn.
 *
 * <p>As shipped it lets every call run at once.
 */
public class Throttle {

    private final int maxConcurrentCalls;

    public Throttle(int maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /**
     * Runs {@code task} as soon as fewer than {@code maxConcurrentCalls} calls are running, and
     * returns its result (or throws what it throws).
     *
     * @throws InterruptedException when interrupted while waiting for a slot (then {@code task} did not run)
     */
    public <T> T call(Callable<T> task) throws Exception {
        // TODO: wait for a free slot (at most maxConcurrentCalls calls inside at once), run the task,
        //  and free the slot however the task ends. A Semaphore counts slots for you.
        return task.call();
    }
}
