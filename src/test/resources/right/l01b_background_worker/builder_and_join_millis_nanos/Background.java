package l01b_background_worker;

import java.time.Duration;

/**
 * Right, with a {@code Thread.Builder} and the older {@code join(millis, nanos)}, which returns
 * nothing. Three things make it as good as {@code join(Duration)}: a limit of zero or less is
 * answered at once, because {@code join(0)} would mean "no limit"; the nanoseconds are passed on,
 * so a limit under a millisecond still waits (join rounds them up to a millisecond) instead of
 * becoming {@code join(0)}; and a thread never started is refused, since {@code isAlive()} is
 * false for it too and would make it look finished.
 */
public final class Background {

    private Background() {}

    public static Thread start(String name, Runnable work) {
        return Thread.ofPlatform().name(name).start(work);
    }

    public static boolean awaitAtMost(Thread worker, Duration limit) throws InterruptedException {
        if (worker.getState() == Thread.State.NEW) {
            throw new IllegalThreadStateException("thread \"" + worker.getName() + "\" was never started");
        }
        if (limit.isPositive()) {
            worker.join(limit.toMillis(), limit.toNanosPart() % 1_000_000);
        }
        return !worker.isAlive();
    }
}
