package workbook.testkit.preemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;

import l00_testkit_fixtures.SplitCounter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves that preemption points stop the chosen thread where a split check and change shows. */
class PreemptionTest {

    private static final Duration SOON = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofMillis(100);

    @Test
    @DisplayName("stops the first call at each of its points in turn, and only the gap between the holds lets a whole second call overfill")
    void stopsAtEveryPointInTurn() throws Exception {
        var overfilledAt = new ArrayList<Integer>();
        var tried = new ArrayList<Integer>();
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(20, point -> {
                tried.add(point);
                var counter = new SplitCounter(1);
                var first = preemption.start("first", point, counter::addIfBelowLimit);
                boolean stopped = first.awaitStopped(SOON);
                counter.addIfBelowLimit();
                first.resume();
                assertThat(first.call().awaitDone(SOON, QUIET)).as("the resumed call ended").isTrue();
                if (counter.count() > 1) {
                    overfilledAt.add(point);
                }
                return stopped;
            });
        }
        assertThat(tried).as("points 1 to 4 (enter, leave, enter, leave), then one past the last").containsExactly(1, 2, 3, 4, 5);
        assertThat(overfilledAt).as("the points between the two holds").containsExactly(2, 3);
    }

    @Test
    @DisplayName("resume() returns once the call has left its point, so that its state is the answer's own")
    void resumeWaitsUntilTheCallGoesOn() throws Exception {
        try (var preemption = Preemption.instrument()) {
            for (int round = 0; round < 20; round++) {
                var counter = new SplitCounter(1);
                var first = preemption.start("first", 4, counter::addIfBelowLimit);
                assertThat(first.awaitStopped(SOON)).as("stopped after its last hold").isTrue();
                first.resume();
                first.call().awaitSettled(SOON);
                assertThat(first.call().isDone()).as("a call with nothing left to wait for, settled after resume()").isTrue();
            }
        }
    }

    @Test
    @DisplayName("once closed, the classes run without points: an armed call never stops")
    void closingTakesThePointsOut() throws Exception {
        try (var preemption = Preemption.instrument()) {
            var instrumented = preemption.start("instrumented", 1, new SplitCounter(1)::addIfBelowLimit);
            assertThat(instrumented.awaitStopped(SOON)).isTrue();
            instrumented.resume();
        }
        try (var preemption = Preemption.instrument()) {
            preemption.close();
            var plain = preemption.start("plain", 1, new SplitCounter(1)::addIfBelowLimit);
            assertThat(plain.awaitStopped(SOON)).as("stopped with the points taken out").isFalse();
        }
    }

    @Test
    @DisplayName("points go into the answer's classes, nested ones included, never into the exercise's tests or the workbook")
    void onlyTheAnswersClassesGetPoints() {
        assertThat(PreemptionPointInserter.isExerciseClass("l06a_bounded_buffer/BoundedBuffer")).isTrue();
        assertThat(PreemptionPointInserter.isExerciseClass("l06a_bounded_buffer/BoundedBuffer$Node")).isTrue();
        assertThat(PreemptionPointInserter.isExerciseClass("l00_testkit_fixtures/SplitCounter")).isTrue();
        assertThat(PreemptionPointInserter.isExerciseClass("l06a_bounded_buffer/BoundedBufferTest")).isFalse();
        assertThat(PreemptionPointInserter.isExerciseClass("l06a_bounded_buffer/BoundedBufferTest$1")).isFalse();
        assertThat(PreemptionPointInserter.isExerciseClass("workbook/testkit/BlockingCall")).isFalse();
        assertThat(PreemptionPointInserter.isExerciseClass("l06a_bounded_buffer/inner/Deep")).isFalse();
    }

    @Test
    @DisplayName("a class that could not be given its points fails the test instead of forcing nothing")
    void aClassWithoutPointsFails() {
        var inserter = new PreemptionPointInserter();
        assertThat(inserter.transform(null, null, "l00_testkit_fixtures/Broken", null, null, new byte[] {1, 2, 3})).isNull();
        assertThatThrownBy(inserter::assertEveryClassInstrumented)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("l00_testkit_fixtures/Broken");
    }
}
