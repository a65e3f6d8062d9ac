package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A round table: philosopher {@code seat} eats with fork {@code seat} on the left and fork
 * {@code (seat + 1) % n} on the right, which is also the next philosopher's left fork.
 *
 * <p>As shipped, a philosopher picks up the left fork, then waits for the right one. When every
 * philosopher has picked up the left fork at once, each waits for ever for a fork the neighbour
 * holds.
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
        var left = forks.get(seat);
        var right = forks.get((seat + 1) % forks.size());
        // TODO: when every philosopher holds the left fork, nobody ever gets a right one.
        left.lockInterruptibly();
        try {
            right.lockInterruptibly();
            try {
                meal.run();
                return true;
            } finally {
                right.unlock();
            }
        } finally {
            left.unlock();
        }
    }
}
