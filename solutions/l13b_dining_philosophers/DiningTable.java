package l13b_dining_philosophers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A round table: philosopher {@code seat} eats with fork {@code seat} on the left and fork
 * {@code (seat + 1) % n} on the right, which is also the next philosopher's left fork.
 *
 * <p>Why nobody waits for ever: a philosopher waits for the left fork only while holding nothing,
 * and for the right one only a moment; when it does not come, the left fork goes back on the table
 * before the next try. A circle of philosophers each holding one fork and waiting for the next
 * therefore breaks up within that moment. The pause before trying again is random, so neighbours
 * who collided do not pick up and put down their forks in step for ever (a livelock).
 *
 * <p>Why the patience holds: one deadline is computed when the call starts, and every wait is for
 * what is left of it, never for the whole patience again. The meal runs only while both forks are
 * held, and both are put down in {@code finally} blocks, whatever the meal throws.
 */
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
    }
}
