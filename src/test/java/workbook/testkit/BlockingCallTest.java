package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Proves that {@link BlockingCall} tells a call that waits from one that returns, spins or stays stuck. */
class BlockingCallTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration GENEROUS = Duration.ofSeconds(5);

    @Test
    @DisplayName("a take() from an empty queue blocks, and returns the item put afterwards")
    void waitingCallBlocksThenReturns() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(1);
        var take = BlockingCall.call("consumer", queue::take);
        take.assertBlocks(GENEROUS, "take() from an empty queue");
        assertThat(take.isDone()).isFalse();
        queue.put("item");
        assertThat(take.awaitResult(GENEROUS, "put() was called")).isEqualTo("item");
        assertThat(take.isDone()).isTrue();
    }

    @Test
    @DisplayName("a blocked put() is reported as blocked, and returns once there is room")
    void blockedVoidCallReturnsOnceReleased() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(1);
        queue.add("first");
        var put = BlockingCall.run("producer", () -> queue.put("second"));
        put.assertBlocks(GENEROUS, "put() into a full queue");
        assertThat(queue.take()).isEqualTo("first");
        assertThat(put.awaitResult(GENEROUS, "take() made room")).isNull();
        assertThat(queue).containsExactly("second");
    }

    @Test
    @DisplayName("a call that returns at once fails assertBlocks, saying what it returned")
    void callThatDoesNotWaitFails() {
        var call = BlockingCall.call("consumer", () -> "too soon");
        assertThatThrownBy(() -> call.assertBlocks(GENEROUS, "take() from an empty buffer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("take() from an empty buffer should have waited")
                .hasMessageContaining("returned \"too soon\" at once");
    }

    @Test
    @DisplayName("a void call that returns at once fails assertBlocks")
    void voidCallThatDoesNotWaitFails() {
        var call = BlockingCall.run("producer", () -> {});
        assertThatThrownBy(() -> call.assertBlocks(GENEROUS, "put() into a full buffer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it returned at once");
    }

    @Test
    @DisplayName("a call that throws instead of waiting fails assertBlocks, naming the exception")
    void callThatThrowsInsteadOfWaitingFails() {
        var call = BlockingCall.call("consumer", () -> {
            throw new IllegalStateException("empty");
        });
        assertThatThrownBy(() -> call.assertBlocks(GENEROUS, "take() from an empty buffer"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("threw java.lang.IllegalStateException: empty at once");
    }

    @Test
    @DisplayName("a call that spins instead of waiting fails assertBlocks at the deadline")
    void spinningCallFails() throws InterruptedException {
        var release = new AtomicBoolean();
        var call = BlockingCall.run("spinner", () -> {
            while (!release.get() && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        try {
            assertThatThrownBy(() -> call.assertBlocks(SHORT, "take() from an empty buffer"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("still running without waiting")
                    .hasMessageContaining("\"spinner\" is RUNNABLE");
        } finally {
            release.set(true);
        }
        call.awaitResult(GENEROUS, "it was released");
    }

    @Test
    @DisplayName("a call still stuck at the deadline fails awaitResult with the reason and a report, and is interrupted")
    void stuckCallFailsAwaitResult() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(1);
        var take = BlockingCall.call("consumer", queue::take);
        assertThatThrownBy(() -> take.awaitResult(SHORT, "put() should have woken it"))
                .isInstanceOf(AssertionError.class)
                // The time said is the time that passed, 300 ms or a little more on a busy machine.
                .hasMessageFindingMatch("\"consumer\" was still inside its call after (3\\d\\d|[4-9]\\d\\d) ms")
                .hasMessageContaining("put() should have woken it")
                .hasMessageContaining("\"consumer\" is WAITING");
        take.thread().join(GENEROUS);
        assertThat(take.thread().isAlive()).as("the stuck call's thread, interrupted").isFalse();
    }

    @Test
    @DisplayName("awaitDone with a quiet time is false once the call stays in one wait that long, well before the deadline, and leaves it waiting")
    void quietCallIsNotDone() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(1);
        var take = BlockingCall.call("consumer", queue::take);
        take.assertBlocks(GENEROUS, "take() from an empty queue");
        long start = System.nanoTime();
        assertThat(take.awaitDone(GENEROUS, Duration.ofMillis(100))).as("a take() nothing wakes").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("how long awaitDone waited").isLessThan(GENEROUS);
        assertThat(take.isDone()).as("the take(), still waiting").isFalse();
        queue.put("item");
        assertThat(take.awaitDone(GENEROUS, Duration.ofMillis(100))).as("the take(), once an item came").isTrue();
        assertThat(take.result()).isEqualTo("item");
    }

    @Test
    @DisplayName("a call stuck entering a monitor is reported together with the thread that holds it")
    void reportShowsTheLockHolder() throws InterruptedException {
        var monitor = new Object();
        var release = new CountDownLatch(1);
        var holder = BlockingCall.run("holder", () -> {
            synchronized (monitor) {
                release.await();
            }
        });
        holder.assertBlocks(GENEROUS, "the holder, waiting on its latch");
        var blocked = BlockingCall.run("blocked", () -> {
            synchronized (monitor) {
                release.countDown();
            }
        });
        try {
            assertThatThrownBy(() -> blocked.awaitResult(SHORT, "the monitor should be free"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("\"blocked\" is BLOCKED, waiting for Object@")
                    .hasMessageContaining("held by \"holder\"\n")
                    .hasMessageContaining("\"holder\" is WAITING");
        } finally {
            release.countDown();
        }
        holder.awaitResult(GENEROUS, "its latch was released");
        blocked.awaitResult(GENEROUS, "the holder let go of the monitor");
    }

    @Test
    @DisplayName("a call waiting for a lock whose holder ended without releasing it says so")
    void reportNotesALockHolderThatEnded() throws InterruptedException {
        var lock = new ReentrantLock();
        BlockingCall.run("careless", lock::lock).awaitResult(GENEROUS, "lock() of a free lock");
        var waiter = BlockingCall.run("waiter", lock::lockInterruptibly);
        assertThatThrownBy(() -> waiter.awaitResult(SHORT, "the lock should be free"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"waiter\" is WAITING, waiting for ReentrantLock")
                .hasMessageContaining("\"careless\" has ended, and never released that lock.");
    }

    @Test
    @DisplayName("what the call threw fails awaitResult, naming the thread")
    void thrownExceptionFailsAwaitResult() {
        var call = BlockingCall.call("consumer", () -> {
            throw new IllegalStateException("broken");
        });
        assertThatThrownBy(() -> call.awaitResult(GENEROUS, "it should end"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"consumer\" threw java.lang.IllegalStateException: broken")
                .hasCauseInstanceOf(IllegalStateException.class);
    }



    private static final Duration WATCH_DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("sees a call that waits, and its result once it has been let go")
    void seesACallThatWaits() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var call = BlockingCall.call("waiter", () -> letGo.await(5, TimeUnit.SECONDS));
        assertThat(call.awaitWaitingOrDone(WATCH_DEADLINE)).as("a call blocked in await() is waiting").isTrue();
        assertThat(call.isDone()).isFalse();
        assertThat(call.thread().getName()).isEqualTo("waiter");
        assertThat(call.describe()).contains("\"waiter\" is TIMED_WAITING");
        letGo.countDown();
        assertThat(call.awaitDone(WATCH_DEADLINE)).isTrue();
        assertThat(call.result()).isTrue();
    }

    @Test
    @DisplayName("sees a call that returns without waiting")
    void seesACallThatReturns() {
        var call = BlockingCall.call("quick", () -> 42);
        assertThat(call.awaitWaitingOrDone(WATCH_DEADLINE)).isTrue();
        assertThat(call.awaitDone(WATCH_DEADLINE)).isTrue();
        assertThat(call.result()).isEqualTo(42);
    }

    @Test
    @DisplayName("reports a busy call as neither waiting nor done")
    void reportsABusyCall() {
        var stop = new AtomicBoolean();
        var call = BlockingCall.call("spinner", () -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
            return null;
        });
        try {
            assertThat(call.awaitWaitingOrDone(Duration.ofMillis(100))).as("a spinning call is not waiting").isFalse();
            assertThat(call.awaitDone(Duration.ofMillis(50))).isFalse();
            assertThat(call.describe()).contains("\"spinner\" is RUNNABLE");
            assertThatThrownBy(call::result).isInstanceOf(IllegalStateException.class);
        } finally {
            stop.set(true);
        }
        assertThat(call.awaitDone(WATCH_DEADLINE)).isTrue();
    }

    @Test
    @DisplayName("fails with what the call threw")
    void failsWithWhatTheCallThrew() {
        var call = BlockingCall.call("thrower", () -> {
            throw new IllegalThreadStateException("started twice");
        });
        assertThat(call.awaitDone(WATCH_DEADLINE)).isTrue();
        assertThatThrownBy(call::result)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"thrower\" threw java.lang.IllegalThreadStateException: started twice")
                .hasCauseInstanceOf(IllegalThreadStateException.class);
    }

    @Test
    @DisplayName("a wait that ends with InterruptedException when interrupted passes; one that swallows it fails")
    void interruptedWhileWaiting() throws InterruptedException {
        var queue = new ArrayBlockingQueue<String>(1);
        var honest = BlockingCall.call("honest-taker", queue::take);
        honest.assertBlocks(Duration.ofSeconds(2), "take() from an empty queue");
        honest.interrupt();
        honest.assertThrowsInterruptedException(Duration.ofSeconds(2), "take() from an empty queue");

        var swallowing = BlockingCall.call("swallowing-taker", () -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                return "nothing";
            }
        });
        swallowing.assertBlocks(Duration.ofSeconds(2), "take() from an empty queue");
        swallowing.interrupt();
        assertThatThrownBy(() -> swallowing.assertThrowsInterruptedException(Duration.ofSeconds(2), "take()"))
                .hasMessageContaining("returned \"nothing\" instead of throwing InterruptedException")
                .hasMessageContaining("Why:");
    }

    @Test
    @DisplayName("a call made already interrupted must throw at once; one that waits again is reported as stuck")
    void interruptedBeforeTheCall() {
        var queue = new ArrayBlockingQueue<String>(1);
        assertThatCode(() -> BlockingCall.callInterrupted("taker", queue::take)
                .assertThrowsInterruptedException(Duration.ofSeconds(2), "take()")).doesNotThrowAnyException();

        var giveUp = new AtomicBoolean();
        var retrying = BlockingCall.runInterrupted("retrying-taker", () -> {
            while (!giveUp.get()) {
                try {
                    queue.poll(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // wrong on purpose: the interrupt is swallowed and the wait goes on
                }
            }
        });
        assertThatThrownBy(() -> retrying.assertThrowsInterruptedException(Duration.ofMillis(300), "take()"))
                .hasMessageContaining("still inside the call");
        giveUp.set(true);
    }
}
