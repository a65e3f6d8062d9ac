package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ThreadTally")
class ThreadTallyTest {

    @AfterEach
    void forgetEverything() {
        ThreadTally.forget();
    }

    @Test
    @DisplayName("counts, and notes one thread once however often it increments")
    void oneThread() {
        ThreadTally.forget();
        var tally = new ThreadTally();
        tally.increment();
        assertThat(tally.increment()).isEqualTo(2);
        assertThat(ThreadTally.tallyCountByUsers()).isEqualTo(Map.of(1, 1));
    }

    @Test
    @DisplayName("one tally used by three threads, in turns, is one tally with three users")
    void sharedByThreeThreads() throws Exception {
        ThreadTally.forget();
        var tally = new ThreadTally();
        var barrier = new CyclicBarrier(3);
        var workers = new Thread[3];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().start(() -> {
                try {
                    barrier.await();
                    for (int n = 0; n < 1000; n++) {
                        tally.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (var worker : workers) {
            assertThat(worker.join(Duration.ofSeconds(10))).as("a worker did not finish within 10 s").isTrue();
        }
        assertThat(ThreadTally.tallyCountByUsers()).isEqualTo(Map.of(3, 1));
        assertThat(tally.increment()).as("no increment lost").isEqualTo(3001);
    }

    @Test
    @DisplayName("threads that can run side by side meet; threads let in one at a time do not")
    void meetingTogether() throws Exception {
        ThreadTally.forget();
        ThreadTally.expectTogether(2);
        var tally = new ThreadTally();
        var apart = new Object();
        Runnable oneAtATime = () -> {
            synchronized (apart) {
                tally.increment();
            }
        };
        var first = Thread.ofPlatform().start(oneAtATime);
        var second = Thread.ofPlatform().start(oneAtATime);
        assertThat(first.join(Duration.ofSeconds(10)) && second.join(Duration.ofSeconds(10))).isTrue();
        assertThat(ThreadTally.metTogether()).as("two threads let in one at a time never met").isFalse();

        ThreadTally.forget();
        var side = Thread.ofPlatform().start(tally::increment);
        var bySide = Thread.ofPlatform().start(tally::increment);
        assertThat(side.join(Duration.ofSeconds(10)) && bySide.join(Duration.ofSeconds(10))).isTrue();
        assertThat(ThreadTally.metTogether()).as("two free threads met").isTrue();
        ThreadTally.expectTogether(1);
    }

    @Test
    @DisplayName("a thread that comes back after another is still one user; forget() starts afresh")
    void comingBackAndForgetting() {
        ThreadTally.forget();
        var first = new ThreadTally();
        var second = new ThreadTally();
        first.increment();
        second.increment();
        first.increment();
        assertThat(ThreadTally.tallyCountByUsers()).isEqualTo(Map.of(1, 2));
        ThreadTally.forget();
        assertThat(ThreadTally.tallyCountByUsers()).isEmpty();
        second.increment();
        assertThat(ThreadTally.tallyCountByUsers()).isEqualTo(Map.of(1, 1));
    }

    @Test
    @DisplayName("notes at most 1000 tallies, so that one per call cannot fill the heap")
    void capped() {
        ThreadTally.forget();
        for (int i = 0; i < 5000; i++) {
            new ThreadTally().increment();
        }
        assertThat(ThreadTally.tallyCountByUsers()).isEqualTo(Map.of(1, 1000));
    }
}
