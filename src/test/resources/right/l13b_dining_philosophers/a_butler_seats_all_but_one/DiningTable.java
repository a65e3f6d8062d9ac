package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, with a butler: a semaphore lets at most n - 1 philosophers reach for forks at once, so
 * at least one of those seated finds both its forks, eats and frees them; no circle of n waits can
 * form. Every wait, for a seat and for each fork, is for what is left of one deadline.
 */
public class DiningTable {

    private final List<ReentrantLock> forks;
    private final Semaphore seats;

    /** A table with one fork per seat; at least two. */
    public DiningTable(List<ReentrantLock> forks) {
        if (forks.size() < 2) {
            throw new IllegalArgumentException("a table needs at least two forks, not " + forks.size());
        }
        this.forks = List.copyOf(forks);
        this.seats = new Semaphore(forks.size() - 1);
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
        if (!seats.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            if (!left.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            try {
                if (!right.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                try {
                    meal.run();
                    return true;
                } finally {
                    right.unlock();
                }
            } finally {
                left.unlock();
            }
        } finally {
            seats.release();
        }
    }
}
