package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SpuriousWakeup")
class SpuriousWakeupTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    /** Waits on a private monitor for a flag nobody sets; {@code checkAgain} picks while or if. */
    static final class PrivateMonitorGate {
        private final Object monitor = new Object();
        private boolean open; // guarded by monitor

        void pass(boolean checkAgain) throws InterruptedException {
            synchronized (monitor) {
                if (checkAgain) {
                    while (!open) {
                        monitor.wait();
                    }
                } else if (!open) {
                    monitor.wait();
                }
            }
        }
    }

    /** Waits on a private Condition for a flag nobody sets; {@code checkAgain} picks while or if. */
    static final class ConditionGate {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition opened = lock.newCondition();
        private boolean open; // guarded by lock

        void pass(boolean checkAgain) throws InterruptedException {
            lock.lock();
            try {
                if (checkAgain) {
                    while (!open) {
                        opened.await();
                    }
                } else if (!open) {
                    opened.await();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Parks once, with no loop around it. */
    static final class ParkOnceGate {
        void pass() {
            LockSupport.park(this);
        }
    }

    @Test
    @DisplayName("wakes a thread waiting on a private monitor: with if it goes on, with while it waits again")
    void wakesAPrivateMonitor() throws Exception {
        var gate = new PrivateMonitorGate();
        var careless = BlockingCall.run("careless", () -> gate.pass(false));
        careless.assertBlocks(DEADLINE, "pass()");
        SpuriousWakeup.wake(careless.thread(), gate);
        assertThat(careless.awaitDone(DEADLINE)).as("the if-waiter returned after the wakeup").isTrue();

        var careful = BlockingCall.run("careful", () -> gate.pass(true));
        careful.assertBlocks(DEADLINE, "pass()");
        long before = SpuriousWakeup.wake(careful.thread(), gate);
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.timesWaited(careful.thread()) > before
                && ThreadWatch.isWaitingIn(careful.thread(), PrivateMonitorGate.class)))
                .as("the while-waiter waited again").isTrue();
        careful.interrupt();
    }

    @Test
    @DisplayName("unparks a parked thread")
    void unparksParkedThreads() throws Exception {
        var once = new ParkOnceGate();
        var parked = BlockingCall.run("parked", once::pass);
        parked.assertBlocks(DEADLINE, "pass()");
        SpuriousWakeup.wake(parked.thread(), once);
        assertThat(parked.awaitDone(DEADLINE)).as("the parked thread returned after the wakeup").isTrue();
    }

    @Test
    @DisplayName("signals a private Condition a thread awaits: with if it goes on, with while it waits again")
    void signalsAPrivateCondition() throws Exception {
        var gate = new ConditionGate();
        var careless = BlockingCall.run("careless", () -> gate.pass(false));
        careless.assertBlocks(DEADLINE, "pass()");
        SpuriousWakeup.wake(careless.thread(), gate);
        assertThat(careless.awaitDone(DEADLINE)).as("the if-waiter returned after the wakeup").isTrue();

        var careful = BlockingCall.run("careful", () -> gate.pass(true));
        careful.assertBlocks(DEADLINE, "pass()");
        long before = SpuriousWakeup.wake(careful.thread(), gate);
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.timesWaited(careful.thread()) > before
                && ThreadWatch.isWaitingIn(careful.thread(), ConditionGate.class)))
                .as("the while-waiter awaited again").isTrue();
        careful.interrupt();
    }
}
