package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves that {@link MutualExclusion} tells a shared lock from a missing one, and never hangs. */
@DisplayName("MutualExclusion")
class MutualExclusionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();

    @Test
    @DisplayName("code entering the monitor the stopped thread holds waited")
    void sameMonitorWaits() {
        var outcome = MutualExclusion.check(
                "holder", stop -> {
                    synchronized (monitor) {
                        stop.here();
                    }
                },
                "other", () -> {
                    synchronized (monitor) {
                        monitor.hashCode();
                    }
                }, DEADLINE);
        assertThat(outcome).isEqualTo(MutualExclusion.Outcome.WAITED);
    }

    @Test
    @DisplayName("code taking the ReentrantLock the stopped thread holds waited")
    void sameReentrantLockWaits() {
        var outcome = MutualExclusion.check(
                "holder", stop -> {
                    lock.lock();
                    try {
                        stop.here();
                    } finally {
                        lock.unlock();
                    }
                },
                "other", () -> {
                    lock.lock();
                    lock.unlock();
                }, DEADLINE);
        assertThat(outcome).isEqualTo(MutualExclusion.Outcome.WAITED);
    }

    @Test
    @DisplayName("code taking no lock ran through")
    void noLockRunsThrough() {
        var outcome = MutualExclusion.check(
                "holder", stop -> {
                    synchronized (monitor) {
                        stop.here();
                    }
                },
                "other", () -> {}, DEADLINE);
        assertThat(outcome).isEqualTo(MutualExclusion.Outcome.RAN_THROUGH);
    }

    @Test
    @DisplayName("code taking a different lock ran through")
    void differentLockRunsThrough() {
        var otherMonitor = new Object();
        var outcome = MutualExclusion.check(
                "holder", stop -> {
                    synchronized (monitor) {
                        stop.here();
                    }
                },
                "other", () -> {
                    synchronized (otherMonitor) {
                        otherMonitor.hashCode();
                    }
                }, DEADLINE);
        assertThat(outcome).isEqualTo(MutualExclusion.Outcome.RAN_THROUGH);
    }

    @Test
    @DisplayName("a holder that never reaches its stop point fails the check")
    void holderThatNeverStopsFails() {
        assertThatThrownBy(() -> MutualExclusion.check("holder", stop -> {}, "other", () -> {}, DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("finished without reaching the point where the test stops it");
    }

    @Test
    @DisplayName("a failure in the second thread is rethrown")
    void failureOfTheOtherIsRethrown() {
        assertThatThrownBy(() -> MutualExclusion.check(
                "holder", MutualExclusion.StopPoint::here,
                "other", () -> {
                    throw new IllegalStateException("broken");
                }, DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken");
    }

    @Test
    @DisplayName("a second thread that neither finishes nor waits for the holder fails the check within the deadline")
    void otherStuckElsewhereFails() {
        var never = new CountDownLatch(1);
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> MutualExclusion.check(
                    "holder", MutualExclusion.StopPoint::here,
                    "other", () -> {
                        try {
                            never.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("neither finished nor waited");
        } finally {
            never.countDown();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    }
}
