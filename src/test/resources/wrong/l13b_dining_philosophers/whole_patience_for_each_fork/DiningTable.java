package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** Wrong: each fork gets the whole patience, holding the left one meanwhile, so the call can take twice its patience and five philosophers holding their left forks all go hungry. */
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
        if (!left.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            if (!right.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
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
    }
}
