package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import l00_testkit_fixtures.LockOrderDeadlock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Workers")
class WorkersTest {

    private static final Duration DEADLINE = Duration.ofMillis(500);

    @Test
    @DisplayName("runs every worker at the same time, and joins them all")
    void runsWorkersTogether() {
        int count = 4;
        var allRunning = new CyclicBarrier(count);
        var finished = new AtomicInteger();
        Workers.start("together", count, index -> {
            allRunning.await(2, TimeUnit.SECONDS);
            finished.incrementAndGet();
        }).awaitCompletion(Duration.ofSeconds(5));
        assertThat(finished.get()).isEqualTo(count);
    }

    @Test
    @DisplayName("names its threads after the group")
    void namesItsThreads() {
        var workers = Workers.start("named", 2, index -> {});
        workers.awaitCompletion(Duration.ofSeconds(5));
        assertThat(workers.threads()).extracting(Thread::getName).containsExactly("named-0", "named-1");
    }

    @Test
    @DisplayName("rethrows a failed assertion from a worker in the test thread, naming the worker")
    void rethrowsAWorkersAssertion() {
        assertThatThrownBy(() -> Workers.start("checker", 3, index -> {
            assertThat(index).as("index").isLessThan(2);
        }).awaitCompletion(Duration.ofSeconds(5)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in thread \"checker-2\"")
                .hasMessageContaining("index");
    }

    @Test
    @DisplayName("fails at the deadline with who waits for which lock and who holds it")
    void reportsABlockedWorker() throws Exception {
        var lock = new Object();
        var holder = Thread.currentThread().getName();
        synchronized (lock) {
            var workers = Workers.start("blocked", 1, index -> {
                synchronized (lock) {
                    Thread.onSpinWait();
                }
            });
            assertThatThrownBy(() -> workers.awaitCompletion(DEADLINE))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("1 of 1 \"blocked\" threads did not finish within 500 ms")
                    .hasMessageContaining("\"blocked-0\" is BLOCKED, waiting for Object@")
                    .hasMessageContaining("held by \"" + holder + "\" (not one of the threads reported here)");
        }
    }

    @Test
    @DisplayName("says so when the lock a worker waits for is held by a thread that has ended")
    void reportsALockLeftByAnEndedThread() throws InterruptedException {
        var lock = new ReentrantLock();
        var forgetful = Thread.ofPlatform().name("forgetful").start(lock::lock);
        forgetful.join();
        assertThatThrownBy(() -> Workers.start("after", 1, index -> lock.lock()).awaitCompletion(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("held by \"forgetful\" (a thread that has ended without releasing it)");
    }

    @Test
    @DisplayName("given the class they wait in, decides \"stuck\" long before the deadline when no worker can move")
    void decidesStuckBeforeTheDeadline() throws InterruptedException {
        var lock = new ReentrantLock();
        var forgetful = Thread.ofPlatform().name("forgetful").start(lock::lock);
        forgetful.join();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Workers.start("after", 2, index -> lock.lock())
                .awaitCompletion(Duration.ofSeconds(20), WorkersTest.class, Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("2 of 2 \"after\" threads did not finish")
                .hasMessageContaining("held by \"forgetful\" (a thread that has ended without releasing it)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("given the class they wait in, still waits for workers that take turns at a lock")
    void waitsForWorkersThatTakeTurns() {
        var lock = new ReentrantLock();
        var total = new AtomicInteger();
        Workers.start("turns", 3, index -> {
            for (int i = 0; i < 200; i++) {
                lock.lock();
                try {
                    total.incrementAndGet();
                } finally {
                    lock.unlock();
                }
            }
        }).awaitCompletion(Duration.ofSeconds(20), WorkersTest.class, Duration.ofMillis(50));
        assertThat(total.get()).isEqualTo(600);
    }

    @Test
    @DisplayName("names the cycle when workers deadlock on monitors")
    void reportsAMonitorDeadlock() {
        var deadlock = new LockOrderDeadlock();
        assertThatThrownBy(() -> Workers.start("monitor", 2, deadlock::withMonitors).awaitCompletion(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Deadlock: \"monitor-")
                .hasMessageContaining("Each thread holds a lock the next one needs")
                .hasMessageContaining("holds Object@");
    }

    @Test
    @DisplayName("names the cycle when workers deadlock on ReentrantLocks")
    void reportsAReentrantLockDeadlock() {
        var deadlock = new LockOrderDeadlock();
        assertThatThrownBy(() -> Workers.start("reentrant", 2, deadlock::withReentrantLocks).awaitCompletion(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Deadlock: \"reentrant-")
                .hasMessageContaining("waiting for ReentrantLock$NonfairSync@");
    }

    @Test
    @DisplayName("reports this group's threads only, not threads stuck by earlier tests")
    void reportsOnlyItsOwnThreads() {
        var earlier = new LockOrderDeadlock();
        assertThatThrownBy(() -> Workers.start("earlier", 2, earlier::withMonitors).awaitCompletion(DEADLINE))
                .isInstanceOf(AssertionError.class);
        var now = new LockOrderDeadlock();
        assertThatThrownBy(() -> Workers.start("now", 2, now::withMonitors).awaitCompletion(DEADLINE))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"now-0\"")
                .message().doesNotContain("earlier");
    }
}
