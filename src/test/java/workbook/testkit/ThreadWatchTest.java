package workbook.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ThreadWatch")
class ThreadWatchTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    /** A monitor whose waiters wait for a flag that only {@link #open()} sets. */
    static final class Door {
        private boolean open; // guarded by this

        synchronized void open() {
            open = true;
            notifyAll();
        }

        synchronized void passCheckingAgain() throws InterruptedException {
            while (!open) {
                wait();
            }
        }

        synchronized void passCheckingOnce() throws InterruptedException {
            if (!open) {
                wait();
            }
        }
    }

    /** A class that waits in a JDK call it makes itself, or in a callback it was handed. */
    static final class Turnstile {
        private final Semaphore permits = new Semaphore(0);

        void pass() throws InterruptedException {
            permits.acquire();
        }

        void passAfter(Callback callback) throws Exception {
            callback.run();
        }
    }

    /** A task of a test's own, which stays running until released: the code isBetweenTasks is told is the test's. */
    static final class HeldTask {
        static void runUntil(CountDownLatch release) throws InterruptedException {
            release.await();
        }
    }

    interface Callback {
        void run() throws Exception;
    }

    @Test
    @DisplayName("isWaitingOn sees a thread in wait() on that object, and nothing else")
    void isWaitingOnSeesWaitOnThatMonitorOnly() {
        var door = new Door();
        var waiter = Workers.start("waiter", 1, i -> door.passCheckingAgain());
        var thread = waiter.threads().getFirst();
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingOn(thread, door)))
                    .as("a thread in door.wait() is waiting on the door").isTrue();
            assertThat(ThreadWatch.isWaitingOn(thread, new Door())).as("waiting on another door").isFalse();
            assertThat(ThreadWatch.isWaitingOn(Thread.currentThread(), door)).as("the running test thread").isFalse();
        } finally {
            thread.interrupt();
        }
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> !thread.isAlive())).isTrue();
        assertThat(ThreadWatch.isWaitingOn(thread, door)).as("a thread that has ended").isFalse();
    }

    @Test
    @DisplayName("isWaitingForACondition sees wait() on the monitor and await() on a Condition, not a wait for a lock")
    void isWaitingForAConditionTellsConditionsFromLocks() throws InterruptedException {
        var door = new Door();
        var lock = new ReentrantLock();
        var opened = lock.newCondition();
        var inWait = Workers.start("in-wait", 1, i -> door.passCheckingAgain());
        var inAwait = Workers.start("in-await", 1, i -> {
            lock.lock();
            try {
                opened.await();
            } finally {
                lock.unlock();
            }
        });
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingForACondition(inWait.threads().getFirst(), door)))
                .as("a thread in door.wait()").isTrue();
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingForACondition(inAwait.threads().getFirst(), door)))
                .as("a thread in condition.await()").isTrue();
        lock.lock();
        try {
            opened.signal();
            var forTheLock = Workers.start("for-the-lock", 1, i -> {
                lock.lock();
                lock.unlock();
            });
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> forTheLock.threads().getFirst().getState() == Thread.State.WAITING))
                    .as("a thread parked waiting for the lock").isTrue();
            assertThat(ThreadWatch.isWaitingForACondition(forTheLock.threads().getFirst(), door)).as("a thread waiting for a lock").isFalse();
        } finally {
            lock.unlock();
        }
        door.open();
        inWait.awaitCompletion(DEADLINE);
        inAwait.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("isWaitingOn does not count a thread blocked entering the monitor")
    void blockedEnteringIsNotWaiting() throws InterruptedException {
        var door = new Door();
        Workers entering;
        synchronized (door) {
            entering = Workers.start("entering", 1, i -> {
                synchronized (door) {
                    door.notifyAll();
                }
            });
            var thread = entering.threads().getFirst();
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> thread.getState() == Thread.State.BLOCKED)).isTrue();
            assertThat(ThreadWatch.isWaitingOn(thread, door)).as("blocked entering the door's monitor").isFalse();
        }
        entering.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("timesWaited tells a waiter that checks again after waking from one that goes on")
    void timesWaitedCatchesAWaiterThatDoesNotCheckAgain() {
        var door = new Door();
        var wentOn = new AtomicBoolean();
        var checksAgain = Workers.start("checks-again", 1, i -> door.passCheckingAgain());
        var checksOnce = Workers.start("checks-once", 1, i -> {
            door.passCheckingOnce();
            wentOn.set(true);
        });
        var again = checksAgain.threads().getFirst();
        var once = checksOnce.threads().getFirst();
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE,
                    () -> ThreadWatch.isWaitingOn(again, door) && ThreadWatch.isWaitingOn(once, door))).isTrue();
            long againBefore;
            long onceBefore;
            synchronized (door) {
                againBefore = ThreadWatch.timesWaited(again);
                onceBefore = ThreadWatch.timesWaited(once);
                door.notifyAll();
            }
            assertThat(ThreadWatch.pollUntil(DEADLINE,
                    () -> ThreadWatch.timesWaited(again) > againBefore && ThreadWatch.isWaitingOn(again, door)))
                    .as("the waiter with a while loop waits again").isTrue();
            checksOnce.awaitCompletion(DEADLINE);
            assertThat(wentOn).as("the waiter with an if went on with the door still shut").isTrue();
            assertThat(ThreadWatch.timesWaited(once)).as("a thread that has ended").isEqualTo(-1);
            assertThat(onceBefore).isPositive();
        } finally {
            again.interrupt();
            once.interrupt();
        }
    }

    @Test
    @DisplayName("isWaitingIn sees a wait in a call the class made, not one in a callback it was handed")
    void isWaitingInSeesTheClassesOwnWaits() {
        var turnstile = new Turnstile();
        var release = new CountDownLatch(1);
        var inOwnCall = Workers.start("own-call", 1, i -> turnstile.pass()).threads().getFirst();
        var inCallback = Workers.start("callback", 1, i -> turnstile.passAfter(release::await)).threads().getFirst();
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingIn(inOwnCall, Turnstile.class)))
                    .as("a thread in Semaphore.acquire() called by Turnstile.pass()").isTrue();
            assertThat(ThreadWatch.isWaitingIn(inOwnCall, Door.class)).as("the same thread, asked about Door").isFalse();
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> inCallback.getState() == Thread.State.WAITING)).isTrue();
            assertThat(ThreadWatch.isWaitingIn(inCallback, Turnstile.class))
                    .as("a thread waiting in a callback Turnstile was handed").isFalse();
            assertThat(ThreadWatch.staysWaitingIn(inOwnCall, Turnstile.class, Duration.ofMillis(20)))
                    .as("a thread that nobody wakes stays waiting").isTrue();
        } finally {
            inOwnCall.interrupt();
            release.countDown();
        }
    }

    @Test
    @DisplayName("staysWaitingIn is false for a thread that keeps being woken and waiting again")
    void staysWaitingInIsFalseForAThreadThatMoves() {
        var turnstile = new Turnstile();
        var passer = Workers.start("passer", 1, i -> {
            while (true) {
                turnstile.pass();
            }
        }).threads().getFirst();
        var ticker = Workers.start("ticker", 1, i -> {
            while (true) {
                turnstile.permits.release();
                Thread.sleep(1);
            }
        }).threads().getFirst();
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingIn(passer, Turnstile.class))).isTrue();
            assertThat(ThreadWatch.staysWaitingIn(passer, Turnstile.class, Duration.ofMillis(50)))
                    .as("a thread let through every millisecond, seen waiting before and after 50 ms").isFalse();
        } finally {
            ticker.interrupt();
            passer.interrupt();
        }
    }

    @Test
    @DisplayName("staysParked is true for a thread left waiting anywhere, false for one that runs or keeps being woken")
    void staysParkedTellsAStillWaitFromMovement() {
        var release = new CountDownLatch(1);
        var parked = Workers.start("parked", 1, i -> release.await()).threads().getFirst();
        var spinning = new AtomicBoolean(true);
        var spinner = Workers.start("spinner", 1, i -> {
            while (spinning.get()) {
                Thread.onSpinWait();
            }
        }).threads().getFirst();
        var turnstile = new Turnstile();
        var passer = Workers.start("passer", 1, i -> {
            while (true) {
                turnstile.pass();
            }
        }).threads().getFirst();
        var ticker = Workers.start("ticker", 1, i -> {
            while (true) {
                turnstile.permits.release();
                Thread.sleep(1);
            }
        }).threads().getFirst();
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> parked.getState() == Thread.State.WAITING)).isTrue();
            assertThat(ThreadWatch.staysParked(parked, Duration.ofMillis(20)))
                    .as("a thread in CountDownLatch.await() that nobody wakes").isTrue();
            assertThat(ThreadWatch.staysParked(spinner, Duration.ofMillis(20))).as("a thread that spins").isFalse();
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ThreadWatch.isWaitingIn(passer, Turnstile.class))).isTrue();
            assertThat(ThreadWatch.staysParked(passer, Duration.ofMillis(50)))
                    .as("a thread let through every millisecond, seen waiting before and after 50 ms").isFalse();
        } finally {
            release.countDown();
            spinning.set(false);
            ticker.interrupt();
            passer.interrupt();
        }
    }

    @Test
    @DisplayName("isBetweenTasks: a thread waiting on a queue, or ended, is; one in a test's task, waiting for a held lock, or running is not")
    void isBetweenTasksTellsAnIdlePoolThread() throws InterruptedException {
        var queue = new LinkedBlockingQueue<Runnable>();
        var idle = Workers.start("idle", 1, i -> queue.take().run()).threads().getFirst();
        var release = new CountDownLatch(1);
        var inTask = Workers.start("in-task", 1, i -> HeldTask.runUntil(release)).threads().getFirst();
        var lock = new ReentrantLock();
        lock.lock();
        var spinning = new AtomicBoolean(true);
        try {
            var givingBack = Workers.start("giving-back", 1, i -> {
                lock.lock();
                lock.unlock();
            }).threads().getFirst();
            var running = Workers.start("running", 1, i -> {
                while (spinning.get()) {
                    Thread.onSpinWait();
                }
            }).threads().getFirst();
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> idle.getState() == Thread.State.WAITING
                    && inTask.getState() == Thread.State.WAITING && givingBack.getState() == Thread.State.WAITING)).isTrue();
            assertThat(ThreadWatch.isBetweenTasks(idle, HeldTask.class)).as("a thread in an empty queue's take()").isTrue();
            assertThat(ThreadWatch.isBetweenTasks(inTask, HeldTask.class)).as("a thread waiting inside the test's own task").isFalse();
            assertThat(ThreadWatch.isBetweenTasks(givingBack, HeldTask.class)).as("a thread waiting for a lock another holds").isFalse();
            assertThat(ThreadWatch.isBetweenTasks(running, HeldTask.class)).as("a running thread").isFalse();
        } finally {
            lock.unlock();
            spinning.set(false);
            release.countDown();
            queue.add(() -> {});
        }
        idle.join(DEADLINE);
        assertThat(ThreadWatch.isBetweenTasks(idle, HeldTask.class)).as("a thread that has ended").isTrue();
    }

    @Test
    @DisplayName("pollUntil returns true once the condition holds, false at the deadline")
    void pollUntilStopsAtTheConditionOrTheDeadline() {
        var calls = new int[1];
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ++calls[0] == 3)).isTrue();
        assertThat(calls[0]).isEqualTo(3);
        long start = System.nanoTime();
        assertThat(ThreadWatch.pollUntil(Duration.ofMillis(30), () -> false)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }
}
