package l02a_lost_update;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Counts;
import workbook.testkit.RaceScenario;

class CounterTest {

    private static final int THREADS = 4;
    private static final int INCREMENTS_PER_THREAD = 20_000;

    @Test
    @DisplayName("one thread alone counts every increment")
    void oneThreadCountsEveryIncrement() {
        var counter = new Counter();
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }
        assertThat(counter.get()).as("count after 1,000 increments from one thread").isEqualTo(1_000);
    }

    @Test
    @DisplayName("four threads counting at the same time lose no update")
    void fourThreadsLoseNoUpdate() {
        RaceScenario.of("counter", Counter::new)
                .threads(THREADS)
                .eachThread((counter, index) -> {
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        counter.increment();
                    }
                })
                .afterAllThreads(counter ->
                        Counts.assertNoLostUpdates("increment()", THREADS, INCREMENTS_PER_THREAD, counter.get()))
                .repeatFor(Duration.ofMillis(500));
    }
}
