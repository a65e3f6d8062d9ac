package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: an interrupt is swallowed and answered as "could not get the forks", so the caller never learns it was asked to stop. */
public class DiningTable {

    /** How long a philosopher holding the left fork waits for the right one before putting the left one down. */
    private static final long RIGHT_FORK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final List<ReentrantLock> forks;

    /** A table with one fork per seat; at least two. */
    public DiningTable(List<ReentrantLock> forks) {
        if (forks.size() < 2) {
            throw new IllegalArgumentException("a table needs at least two forks, not " + forks.size());
        }
        this.forks = List.copyOf(forks);
    }

    /**
     * Picks up both forks of {@code seat} within {@code patience}, runs {@code meal} while holding
     * them, puts them down and returns true; returns false, holding no fork and without eating,
     * when it could not get both in time.
     */
    public boolean dine(int seat, Runnable meal, Duration patience) throws InterruptedException {
        var left = forks.get(seat);
        var right = forks.get((seat + 1) % forks.size());
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (true) {
                if (left.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    try {
                        long timeLeft = deadline - System.nanoTime();
                        if (right.tryLock(Math.min(RIGHT_FORK_NANOS, timeLeft), TimeUnit.NANOSECONDS)) {
                            try {
                                meal.run();
                                return true;
                            } finally {
                                right.unlock();
                            }
                        }
                    } finally {
                        left.unlock();
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, ThreadLocalRandom.current().nextLong(MAX_PAUSE_NANOS)));
            }
        } catch (InterruptedException e) {
            return false;
        }
    }
}
