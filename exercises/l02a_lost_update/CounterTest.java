package l02a_lost_update;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.Counts;
import workbook.testkit.RaceScenario;
import workbook.testkit.RunsAlone;
import workbook.testkit.StaleReads;

class CounterTest {

    private static final int THREADS = 4;
    private static final int INCREMENTS_PER_THREAD = 20_000;
    /** A trial takes milliseconds; one still running after this has threads stuck for good. */
    private static final Duration TRIAL_DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("one thread alone: get() counts every increment as soon as it returns")
    void oneThreadCountsEveryIncrement() {
        var counter = newCounter();
        RunsAlone.run("increment() and get()", Counter.class, () -> {
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
        });
    }

    @Test
    @DisplayName("two counters side by side each count their own increments")
    void twoCountersCountSeparately() {
        var first = newCounter();
        var second = newCounter();
        int[] counts = RunsAlone.call("increment() and get()", Counter.class, () -> {
            for (int i = 0; i < 3; i++) {
                first.increment();
            }
            second.increment();
            return new int[] {first.get(), second.get()};
        });
        if (counts[0] != 3 || counts[1] != 1) {
            throw new AssertionError("""
                    Two new counters: the first was incremented 3 times and the second once, but \
                    get() returned %d and %d.
                    Why: the counters share their count. A static field belongs to the class, not to one \
                    Counter: every Counter in the program then adds into the same number. Keep the \
                    count (and what guards it) in each instance."""
                    .formatted(counts[0], counts[1]));
        }
    }

    /** One counter raced on, and how many of the incrementing threads are done. */
    record Race(Counter counter, AtomicInteger writersDone) {}

    @Test
    @DisplayName("four threads counting at the same time lose no update, while a fifth reads a count that only grows")
    void fourThreadsLoseNoUpdate() {
        RaceScenario.of("counter", () -> new Race(newCounter(), new AtomicInteger()))
                .threads(THREADS + 1)
                .eachThread((race, index) -> {
                    if (index < THREADS) {
                        try {
                            for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                                race.counter().increment();
                            }
                        } finally {
                            race.writersDone().incrementAndGet();
                        }
                    } else {
                        readWhileTheyCount(race);
                    }
                })
                .afterAllThreads(race ->
                        Counts.assertNoLostUpdates("increment()", THREADS, INCREMENTS_PER_THREAD, race.counter().get()))
                .trialDeadline(TRIAL_DEADLINE)
                .repeatFor(Duration.ofMillis(300));
    }

    /** The reader: every get() during the increments is at least the one before and at most every call made. */
    private static void readWhileTheyCount(Race race) {
        int most = THREADS * INCREMENTS_PER_THREAD;
        int previous = 0;
        boolean allDone;
        do {
            allDone = race.writersDone().get() == THREADS;
            int seen = race.counter().get();
            if (seen < previous || seen > most) {
                throw new AssertionError("""
                        %s: while %d threads were incrementing, a reader's get() returned %,d after it \
                        had returned %,d (%,d increments are made in all).
                        Why: a count that only goes up was seen going %s. Some increment wrote back a \
                        value it had read before other increments landed, undoing them (a lost \
                        update), or get() read without the protection increment() uses."""
                        .formatted(seen < previous ? "Lost updates" : "Too many updates", THREADS, seen, previous, most,
                                seen < previous ? "down" : "past every call made"));
            }
            previous = seen;
        } while (!allDone);
    }

    /** A new counter, which must read 0 before anyone increments it. */
    private static Counter newCounter() {
        var counter = new Counter();
        int count = RunsAlone.call("get() of a new Counter", Counter.class, counter::get);
        if (count != 0) {
            throw new AssertionError("""
                    A new Counter returned %,d from get() before anything incremented it.
                    Why: its count is not its own. A static field belongs to the class, so every Counter \
                    made so far (by the earlier tests too) has added into it. Keep the count in each \
                    instance.""".formatted(count));
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
        var alone = newCounter();
        RunsAlone.run("increment()", Counter.class, alone::increment);
        RunsAlone.call("get() after an increment() made by a thread that has ended", Counter.class, alone::get);
        RunsAlone.run("increment() after a get() made by a thread that has ended", Counter.class, alone::increment);
        StaleReads.assertSeen(GetterProbe.class, "get()", "increment()");
    }

    /** What {@code ./workbook explain} runs: two threads increment one counter once each. */
    static final class ExplainScenario implements Runnable {
        @Override
        public void run() {
            var counter = new Counter();
            ScenarioThreads.runTogether(() -> counter.increment(), () -> counter.increment());
            if (counter.get() != 2) {
                throw new AssertionError("two increments, but get() returned " + counter.get());
            }
        }
    }
}
