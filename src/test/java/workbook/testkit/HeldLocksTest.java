package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HeldLocks")
class HeldLocksTest {

    private static final Duration PATIENCE = Duration.ofSeconds(2);

    /** Guards its count with whatever lock the test picks. */
    static final class Guarded {
        private final Object monitor = new Object();
        private final ReentrantLock lock = new ReentrantLock();
        private final ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();
        private int count;

        synchronized void onItsOwnMonitor() {
            count++;
        }

        void onAPrivateMonitor() {
            synchronized (monitor) {
                count++;
            }
        }

        void withLock() {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }

        boolean withTryLock() {
            return lock.tryLock();
        }

        void withReadLock() {
            readWrite.readLock().lock();
            try {
                count++;
            } finally {
                readWrite.readLock().unlock();
            }
        }
    }

    @Test
    @DisplayName("a caller of any of the object's locks waits until they are released, then goes on")
    void callersWaitWhileTheLocksAreHeld() throws InterruptedException {
        var guarded = new Guarded();
        BlockingCall<?>[] calls;
        try (var held = HeldLocks.of(guarded, PATIENCE)) {
            calls = new BlockingCall<?>[] {
                    BlockingCall.run("own monitor", guarded::onItsOwnMonitor),
                    BlockingCall.run("private monitor", guarded::onAPrivateMonitor),
                    BlockingCall.run("lock", guarded::withLock),
                    BlockingCall.run("read lock", guarded::withReadLock)};
            for (var call : calls) {
                call.assertBlocks(PATIENCE, call.thread().getName());
            }
            assertThat(BlockingCall.call("try lock", guarded::withTryLock).awaitResult(PATIENCE, "tryLock() never waits"))
                    .as("tryLock() while the lock is held").isFalse();
        }
        for (var call : calls) {
            call.awaitResult(PATIENCE, "released, " + call.thread().getName() + " should go on");
        }
        assertThat(guarded.withTryLock()).as("tryLock() once released").isTrue();
    }

    @Test
    @DisplayName("fails, naming the holder's wait, when a thread keeps one of the locks")
    void failsWhenALockIsKept() throws InterruptedException {
        var guarded = new Guarded();
        var keeper = BlockingCall.run("keeper", () -> {
            synchronized (guarded) {
                Thread.sleep(PATIENCE.toMillis());
            }
        });
        keeper.assertBlocks(PATIENCE, "the keeper");
        assertThatThrownBy(() -> HeldLocks.of(guarded, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("could not take the locks of a Guarded");
        keeper.interrupt();
        keeper.awaitDone(PATIENCE);
    }

    @Test
    @DisplayName("a lock that is never let go: fails, and lets go of the monitors it took meanwhile, so the object's own thread can still end")
    void lockNeverLetGo() throws InterruptedException {
        var guarded = new Guarded();
        var keeper = BlockingCall.run("keeper", guarded.lock::lock); // ends holding the lock: nobody can let it go
        keeper.awaitResult(PATIENCE, "lock() on a free lock");
        assertThatThrownBy(() -> HeldLocks.of(guarded, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("could not take the locks of a Guarded");
        var onItsOwnMonitor = BlockingCall.run("own monitor", guarded::onItsOwnMonitor);
        onItsOwnMonitor.awaitResult(PATIENCE, "the test gave up on the locks, so it must let go of the object's own monitor");
        var worker = new Thread(() -> {}, "the object's own thread");
        var withAThread = new Object() {
            @SuppressWarnings("unused")
            private final Thread thread = worker;
            @SuppressWarnings("unused")
            private final ReentrantLock lock = guarded.lock;
        };
        worker.start();
        assertThatThrownBy(() -> HeldLocks.of(withAThread, Duration.ofMillis(100))).isInstanceOf(AssertionError.class);
        assertThat(worker.join(PATIENCE)).as("a thread whose Thread object is in a field of the object ended").isTrue();
    }
}
