package l02a_lost_update;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Counts;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;

class CounterTest {

    private static final int THREADS = 4;
    private static final int INCREMENTS_PER_THREAD = 20_000;

    @Test
    @DisplayName("one thread alone: get() counts every increment as soon as it returns")
    void oneThreadCountsEveryIncrement() {
        var counter = newCounter();
        for (int done = 1; done <= 1_000; done++) {
            counter.increment();
            if (counter.get() != done) {
                throw new AssertionError("""
                        After increment() number %,d, all from one thread, get() returned %,d.
                        Why: with no other thread around, each increment() must add exactly one, and \
                        get() must include every increment that has returned."""
                        .formatted(done, counter.get()));
            }
        }
    }

    @Test
    @DisplayName("two counters side by side each count their own increments")
    void twoCountersCountSeparately() {
        var first = newCounter();
        var second = newCounter();
        for (int i = 0; i < 3; i++) {
            first.increment();
        }
        second.increment();
        if (first.get() != 3 || second.get() != 1) {
            throw new AssertionError("""
                    Two new counters: the first was incremented 3 times and the second once, but \
                    get() returned %d and %d.
                    Why: the counters share their count. A static field belongs to the class, not to one \
                    Counter: every Counter in the program then adds into the same number. Keep the \
                    count (and what guards it) in each instance."""
                    .formatted(first.get(), second.get()));
        }
    }

    @Test
    @DisplayName("four threads counting at the same time lose no update")
    void fourThreadsLoseNoUpdate() {
        RaceScenario.of("counter", CounterTest::newCounter)
                .threads(THREADS)
                .eachThread((counter, index) -> {
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        counter.increment();
                    }
                })
                .afterAllThreads(counter ->
                        Counts.assertNoLostUpdates("increment()", THREADS, INCREMENTS_PER_THREAD, counter.get()))
                .repeatFor(Duration.ofMillis(300));
    }

    /** A new counter, which must read 0 before anyone increments it. */
    private static Counter newCounter() {
        var counter = new Counter();
        if (counter.get() != 0) {
            throw new AssertionError("""
                    A new Counter returned %,d from get() before anything incremented it.
                    Why: its count is not its own. A static field belongs to the class, so every Counter \
                    made so far (by the earlier tests too) has added into it. Keep the count in each \
                    instance.""".formatted(counter.get()));
        }
        return counter;
    }

    /** Run in a child JVM with the JIT on: one thread spins on get() until another thread's increment shows. */
    static final class GetterProbe {
        public static void main(String[] args) {
            StaleReads.watch(new Counter(), counter -> counter.get() > 0, Counter::increment);
        }
    }

    @Test
    @DisplayName("a thread that keeps calling get() sees an increment made meanwhile by another thread")
    void getSeesAnIncrementMadeMeanwhile() {
        StaleReads.assertSeen(GetterProbe.class, "get()", "increment()");
    }
}
