package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import l00_testkit_fixtures.GuardedCounter;
import l00_testkit_fixtures.LockOrderDeadlock;
import l00_testkit_fixtures.UnguardedCounter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@DisplayName("RaceScenario")
class RaceScenarioTest {

    private static final int THREADS = 4;
    private static final int INCREMENTS = 20_000;

    @RepeatedTest(5)
    @DisplayName("catches a counter with no lock, with a message that says what was lost and why")
    void catchesAnUnguardedCounter() {
        assertThatThrownBy(() -> RaceScenario.of("counter", UnguardedCounter::new)
                .threads(THREADS)
                .eachThread((counter, index) -> {
                    for (int i = 0; i < INCREMENTS; i++) {
                        counter.increment();
                    }
                })
                .afterAllThreads(counter -> Counts.assertNoLostUpdates("increment()", THREADS, INCREMENTS, counter.get()))
                .repeatFor(Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Lost updates")
                .hasMessageContaining("should be 80,000")
                .hasMessageContaining("Why:")
                .hasMessageContaining("Caught on trial");
    }

    @Test
    @DisplayName("passes a counter with a lock, after running trial after trial for the whole budget")
    void passesAGuardedCounterAfterManyTrials() {
        var trials = new AtomicInteger();
        RaceScenario.of("counter", () -> {
                    trials.incrementAndGet();
                    return new GuardedCounter();
                })
                .threads(THREADS)
                .eachThread((counter, index) -> {
                    for (int i = 0; i < 1_000; i++) {
                        counter.increment();
                    }
                })
                .afterAllThreads(counter -> Counts.assertNoLostUpdates("increment()", THREADS, 1_000, counter.get()))
                .repeatFor(Duration.ofMillis(200));
        assertThat(trials.get()).as("trials run within the budget").isGreaterThan(1);
    }

    @Test
    @DisplayName("fails with the worker's exception when a thread throws")
    void propagatesAWorkersException() {
        assertThatThrownBy(() -> RaceScenario.of("worker", Object::new)
                .threads(2)
                .eachThread((state, index) -> {
                    if (index == 1) {
                        throw new IllegalStateException("broken on purpose");
                    }
                })
                .repeatFor(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"worker-1\" threw java.lang.IllegalStateException: broken on purpose")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("fails a stuck trial at its deadline, naming the deadlock")
    void failsAStuckTrialAtItsDeadline() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> RaceScenario.of("transfer", LockOrderDeadlock::new)
                .threads(2)
                .eachThread(LockOrderDeadlock::withMonitors)
                .trialDeadline(Duration.ofMillis(500))
                .repeatFor(Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within 500 ms")
                .hasMessageContaining("Deadlock")
                .hasMessageContaining("Caught on trial 1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to fail").isLessThan(Duration.ofSeconds(5));
    }
}
