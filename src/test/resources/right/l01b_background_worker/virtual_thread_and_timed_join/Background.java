package l01b_background_worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Right, with a named virtual thread and {@code TimeUnit.timedJoin}, which does nothing for a
 * limit of zero or less and otherwise splits the limit into the milliseconds and nanoseconds of
 * {@code join(millis, nanos)}, so a limit under a millisecond is not turned into "no limit".
 * Asking whether the worker has reached {@code TERMINATED}, rather than {@code !isAlive()},
 * answers false for a thread that was never started. A virtual thread suits work that spends its
 * time waiting; the caller waits for it just as for a platform thread.
 */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        return Thread.ofVirtual().name(name).start(work);
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(worker, limit.toNanos());
        return worker.getState() == Thread.State.TERMINATED;
    }
}
