package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Occupancy")
class OccupancyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final String TOO_MANY = "the test's reason for too many";
    private static final String TOO_FEW = "the test's reason for too few";

    /** Work that enters the region holding a permit of {@code semaphore}, used the right way. */
    private static Workers.Work guardedBy(Semaphore semaphore, Occupancy region) {
        return index -> {
            semaphore.acquire();
            try {
                region.stayInside();
            } finally {
                semaphore.release();
            }
        };
    }

    @Test
    @DisplayName("passes a limit that holds, and lets everyone through in the end")
    void passesALimitThatHolds() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 5, guardedBy(new Semaphore(2), region))) {
            crowd.assertInside(2, TOO_MANY, TOO_FEW);
            assertThat(crowd.waitingOutside()).as("workers waiting outside while 2 are inside").hasSize(3);
            crowd.finish(DEADLINE);
        }
        assertThat(region.max()).as("most inside at once").isEqualTo(2);
        assertThat(region.inside()).as("inside after everyone left").isZero();
    }

    @Test
    @DisplayName("fails 'too many' when one permit too many lets a third thread in")
    void catchesTooMany() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 5, guardedBy(new Semaphore(3), region))) {
            assertThatThrownBy(() -> crowd.assertInside(2, TOO_MANY, TOO_FEW))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Too many threads inside the pool at once")
                    .hasMessageContaining("at most 2 may be there, and 3 were")
                    .hasMessageContaining(TOO_MANY);
        }
    }

    @Test
    @DisplayName("fails 'too many' when nothing guards the region at all")
    void catchesAnUnguardedRegion() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 5, index -> region.stayInside())) {
            assertThatThrownBy(() -> crowd.assertInside(2, TOO_MANY, TOO_FEW))
                    .hasMessageContaining("at most 2 may be there, and 5 were");
        }
    }

    @Test
    @DisplayName("fails 'too few' when one permit too few keeps a thread out")
    void catchesTooFew() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 5, guardedBy(new Semaphore(1), region))) {
            assertThatThrownBy(() -> crowd.assertInside(2, TOO_MANY, TOO_FEW))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Too few threads inside the pool")
                    .hasMessageContaining("only 1 got in")
                    .hasMessageContaining("4 waited outside")
                    .hasMessageContaining(TOO_FEW);
        }
    }

    @Test
    @DisplayName("fails 'too many' for a thread that was inside earlier, though it has left")
    void remembersTheMostEverInside() throws InterruptedException {
        var region = new Occupancy("inside the pool");
        var sneak = new Thread(() -> {
            region.enter();
            region.leave();
        });
        try (var crowd = region.crowd("worker", 5, guardedBy(new Semaphore(2), region))) {
            region.awaitInside(2, DEADLINE);
            sneak.start();
            sneak.join(DEADLINE);
            assertThatThrownBy(() -> crowd.assertInside(2, TOO_MANY, TOO_FEW)).hasMessageContaining("3 were at the same moment");
        }
    }

    @Test
    @DisplayName("counts threads still inside from an earlier crowd")
    void countsEarlierCrowds() {
        var region = new Occupancy("inside the pool");
        var semaphore = new Semaphore(2);
        try (var first = region.crowd("first", 2, guardedBy(semaphore, region))) {
            first.assertInside(2, TOO_MANY, TOO_FEW);
            try (var second = region.crowd("second", 1, guardedBy(semaphore, region))) {
                second.assertInside(2, TOO_MANY, TOO_FEW);
                assertThat(second.waitingOutside()).as("the second crowd's worker, with both permits taken").hasSize(1);
            }
        }
    }

    @Test
    @DisplayName("lets one crowd out while another stays inside")
    void eachCrowdHasItsOwnExit() {
        var region = new Occupancy("inside the pool");
        try (var stayers = region.crowd("stayer", 2, index -> region.stayInside());
             var passers = region.crowd("passer", 1, index -> region.stayInside())) {
            region.awaitInside(3, DEADLINE);
            passers.finish(DEADLINE);
            assertThat(stayers.settle(DEADLINE).inside()).as("inside once the passer was let out")
                    .containsExactly("stayer-0", "stayer-1");
        }
    }

    @Test
    @DisplayName("does not mistake busy threads for waiting ones, and fails at its deadline")
    void busyThreadsNeverSettle() {
        var region = new Occupancy("inside the pool");
        var stop = new AtomicBoolean();
        try (var crowd = region.crowd("spinner", 2, index -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> crowd.settle(Duration.ofMillis(300)))
                    .hasMessageContaining("2 of 2 \"spinner\" threads were still neither inside the pool nor waiting outside")
                    .hasMessageContaining("spinner-0");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to give up").isLessThan(DEADLINE);
        } finally {
            stop.set(true);
        }
    }

    @Test
    @DisplayName("reports a worker's failure at once, not at the deadline")
    void reportsAWorkersFailure() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 2, index -> {
            if (index == 1) {
                throw new IllegalStateException("boom");
            }
            region.stayInside();
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> crowd.settle(DEADLINE))
                    .hasMessageContaining("thread \"worker-1\" threw java.lang.IllegalStateException: boom");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to report the failure").isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    @DisplayName("hands out the waiting threads, so a test can interrupt one")
    void interruptsAWaitingThread() throws InterruptedException {
        var region = new Occupancy("inside the pool");
        var interrupted = new AtomicInteger();
        var semaphore = new Semaphore(1);
        try (var crowd = region.crowd("worker", 2, index -> {
            try {
                guardedBy(semaphore, region).run(index);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        })) {
            crowd.assertInside(1, TOO_MANY, TOO_FEW);
            var waiting = crowd.waitingOutside();
            assertThat(waiting).hasSize(1);
            waiting.getFirst().interrupt();
            waiting.getFirst().join(DEADLINE);
            assertThat(interrupted).hasValue(1);
            crowd.finish(DEADLINE);
        }
    }

    @Test
    @DisplayName("awaitInside returns once enough are inside, and says how many got there when not")
    void awaitInside() {
        var region = new Occupancy("inside the pool");
        try (var crowd = region.crowd("worker", 3, guardedBy(new Semaphore(2), region))) {
            region.awaitInside(2, DEADLINE);
            assertThatThrownBy(() -> region.awaitInside(3, Duration.ofMillis(200)))
                    .hasMessageContaining("Waited 200 ms for 3 threads to be inside the pool, but only 2 got there");
        }
    }

    @Test
    @DisplayName("refuses to leave without entering, to enter twice, or to hold a thread of no crowd")
    void enterAndLeaveMustPair() {
        var region = new Occupancy("inside the pool");
        assertThatThrownBy(region::leave).isInstanceOf(IllegalStateException.class).hasMessageContaining("without entering");
        region.enter();
        assertThatThrownBy(region::enter).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        region.leave();
        assertThat(region.inside()).isZero();
        assertThatThrownBy(region::stayInside).isInstanceOf(IllegalStateException.class).hasMessageContaining("crowd");
    }
}
