package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Right, by lock order: every philosopher picks up the lower-numbered of its two forks first, so
 * the last philosopher, whose right fork is fork 0, reaches across first. The circle of waits
 * cannot close; each wait is for what is left of one deadline, and a philosopher who runs out of
 * time puts down what it holds.
 */
public class DiningTable {

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
        int other = (seat + 1) % forks.size();
        var first = forks.get(Math.min(seat, other));
        var second = forks.get(Math.max(seat, other));
        long deadline = System.nanoTime() + patience.toNanos();
        if (!first.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            if (!second.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            try {
                meal.run();
                return true;
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }
}
