package l04a_reentrant_lock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.Counts;
import workbook.testkit.Durations;
import workbook.testkit.RaceScenario;
import workbook.testkit.ThreadReport;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class SimpleReentrantLockTest {

    /** Far longer than any step here takes; only a thread that is stuck needs it. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Test
    @DisplayName("the owner locks again without waiting: hold counts go 1, 2, 3, then 2, 1, 0")
    void theOwnerLocksAgainWithoutWaiting() throws Exception {
        var lock = new SimpleReentrantLock();
        var done = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            for (int holds = 1; holds <= 3; holds++) {
                lock.lock();
                assertHoldCount(lock, holds, "after lock() number " + holds);
            }
            for (int holds = 2; holds >= 0; holds--) {
                lock.unlock();
                assertHoldCount(lock, holds, "after unlock() number " + (3 - holds));
            }
            done.countDown();
        });
        awaitStep(owner, lock, done, "lock three times and unlock three times");
        owner.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("unlock() by a thread that does not hold the lock throws IllegalMonitorStateException")
    void onlyTheOwnerMayUnlock() throws Exception {
        var lock = new SimpleReentrantLock();
        assertUnlockRefused(lock, "Nobody had locked this lock, and the test's thread called unlock()");

        var holding = new CountDownLatch(1);
        var strangerTried = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            lock.lock();
            holding.countDown();
            await(strangerTried);
            assertHoldCount(lock, 1, "after another thread's unlock() of the owner's lock");
            lock.unlock();
            assertUnlockRefused(lock, "The owner locked once and unlocked once, then called unlock() a second time");
        });
        try {
            awaitStep(owner, lock, holding, "lock() once");
            assertUnlockRefused(lock, "Thread \"owner-0\" held the lock, and the test's thread called unlock()");
        } finally {
            strangerTried.countDown();
        }
        owner.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("another thread waits until the owner's last unlock(), not its first")
    void anotherThreadWaitsForTheLastUnlock() throws Exception {
        var lock = new SimpleReentrantLock();
        var holdsTwice = new CountDownLatch(1);
        var unlockOnce = new CountDownLatch(1);
        var unlockedOnce = new CountDownLatch(1);
        var unlockAgain = new CountDownLatch(1);
        var holdCountAfterOneUnlock = new AtomicInteger(-1);
        var owner = Workers.start("owner", 1, i -> {
            lock.lock();
            lock.lock();
            holdsTwice.countDown();
            await(unlockOnce);
            lock.unlock();
            holdCountAfterOneUnlock.set(lock.getHoldCount());
            unlockedOnce.countDown();
            await(unlockAgain);
            lock.unlock();
        });
        var waiterGotIt = new AtomicBoolean();
        try {
            awaitStep(owner, lock, holdsTwice, "lock() twice");
            var waiter = Workers.start("waiter", 1, i -> {
                lock.lock();
                waiterGotIt.set(true);
                lock.unlock();
            });
            var waiterThread = waiter.threads().getFirst();
            awaitWaiting(List.of(waiterThread), lock, waiterGotIt::get,
                    "while thread \"owner-0\" held the lock (it had called lock() twice)");

            unlockOnce.countDown();
            awaitStep(owner, lock, unlockedOnce, "unlock() once");
            long waitsBefore;
            synchronized (lock) {
                waitsBefore = ThreadWatch.timesWaited(waiterThread);
                lock.notifyAll();
            }
            ThreadWatch.pollUntil(DEADLINE, () -> waiterGotIt.get()
                    || ThreadWatch.timesWaited(waiterThread) > waitsBefore && ThreadWatch.isWaitingOn(waiterThread, lock));
            if (waiterGotIt.get()) {
                throw new AssertionError(holdCountAfterOneUnlock.get() != 1
                        ? """
                        The owner called lock() twice and unlock() once, and the waiting thread got the lock: \
                        the first unlock() freed it (the owner's getHoldCount() said %d, expected 1).
                        Why: a reentrant lock counts. Each lock() by the owner adds one hold, each unlock() \
                        takes one away, and the lock is free only when the count is back to 0; a nested \
                        call's unlock() must not open the lock under its caller.""".formatted(holdCountAfterOneUnlock.get())
                        : """
                        The waiting thread got the lock while the owner still held it (the owner had called \
                        lock() twice and unlock() once). The test had woken the waiter with notifyAll() \
                        without freeing the lock, as a spurious wakeup or another thread's wakeup call can.
                        Why: returning from wait() means only "something may have changed", not "the lock \
                        is free". Check again after every wakeup: put wait() in a loop, \
                        while (the lock is held by another thread) wait();""");
            }
            unlockAgain.countDown();
            awaitStuckExplained(waiter, """
                    After the owner's last unlock() the waiting thread still did not get the lock.
                    Why: when the hold count is back to 0, unlock() must free the lock (no owner any more) \
                    and wake the waiting threads with notifyAll(); a thread in wait() sleeps until then.""");
            owner.awaitCompletion(DEADLINE);
        } finally {
            unlockOnce.countDown();
            unlockAgain.countDown();
        }
    }

    @Test
    @DisplayName("three waiters are woken: one gets the lock, the others wait again")
    void wokenWaitersThatLoseWaitAgain() throws Exception {
        var lock = new SimpleReentrantLock();
        var ownerHolds = new CountDownLatch(1);
        var ownerMayUnlock = new CountDownLatch(1);
        var winnerMayUnlock = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            lock.lock();
            ownerHolds.countDown();
            await(ownerMayUnlock);
            lock.unlock();
        });
        var firstHolder = new AtomicReference<Thread>();
        var secondHolder = new AtomicReference<Thread>();
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        Workers waiters = null;
        try {
            awaitStep(owner, lock, ownerHolds, "lock() once");
            waiters = Workers.start("waiter", 3, i -> {
                lock.lock();
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                if (firstHolder.compareAndSet(null, Thread.currentThread())) {
                    await(winnerMayUnlock);
                } else {
                    secondHolder.compareAndSet(null, Thread.currentThread());
                }
                inside.decrementAndGet();
                lock.unlock();
            });
            var waiterThreads = waiters.threads();
            awaitWaiting(waiterThreads, lock, () -> firstHolder.get() != null, "while thread \"owner-0\" held the lock");

            ownerMayUnlock.countDown();
            if (!ThreadWatch.pollUntil(DEADLINE, () -> firstHolder.get() != null)) {
                throw new AssertionError("""
                        Three threads waited for the lock; the owner unlocked it, and none of them got it \
                        within %s.
                        Why: when the last hold is given back, unlock() must free the lock (no owner any more) \
                        and wake the waiting threads with notifyAll().
                        The waiting threads now:
                        %s""".formatted(Durations.readable(DEADLINE), ThreadReport.describe(waiterThreads)));
            }
            var winner = firstHolder.get();
            var losers = waiterThreads.stream().filter(t -> t != winner).toList();
            var waitsBefore = new long[losers.size()];
            synchronized (lock) {
                for (int i = 0; i < losers.size(); i++) {
                    waitsBefore[i] = ThreadWatch.timesWaited(losers.get(i));
                }
                lock.notifyAll();
            }
            ThreadWatch.pollUntil(DEADLINE, () -> secondHolder.get() != null || allWaitedAgain(losers, waitsBefore, lock));
            if (secondHolder.get() != null) {
                throw new AssertionError("""
                        Two threads held the lock at the same time: "%s" got it when the owner unlocked, and \
                        "%s" got it while "%s" still held it.
                        Why: notifyAll() wakes every waiting thread, but only one of them can win the lock; and \
                        wait() may also return when nothing changed at all (the test called notifyAll() itself \
                        while the lock was held, as a spurious wakeup can). A woken thread must check again \
                        and go back to waiting: put wait() in a loop, \
                        while (the lock is held by another thread) wait();"""
                        .formatted(winner.getName(), secondHolder.get().getName(), winner.getName()));
            }
            winnerMayUnlock.countDown();
            awaitStuckExplained(waiters, """
                    The first waiting thread got the lock and unlocked it, and the other two did not get it in turn.
                    Why: every unlock() that frees the lock must wake the threads still waiting (notifyAll()), \
                    and the lock must really be free (no owner) when they check.""");
            if (mostInside.get() > 1) {
                throw new AssertionError("%d waiting threads held the lock at the same time; a lock lets in one."
                        .formatted(mostInside.get()));
            }
            owner.awaitCompletion(DEADLINE);
        } finally {
            ownerMayUnlock.countDown();
            winnerMayUnlock.countDown();
        }
    }

    /** Four threads each add to one count while holding the lock; the lock is fresh every trial. */
    record Tally(SimpleReentrantLock lock, int[] count) {}

    @Test
    @DisplayName("four threads counting under the lock lose no update")
    void fourThreadsCountingUnderTheLockLoseNoUpdate() {
        int threads = 4;
        int increments = 2_000;
        RaceScenario.of("counter", () -> new Tally(new SimpleReentrantLock(), new int[1]))
                .threads(threads)
                .eachThread((tally, index) -> {
                    for (int i = 0; i < increments; i++) {
                        tally.lock().lock();
                        try {
                            tally.count()[0]++;
                        } finally {
                            tally.lock().unlock();
                        }
                    }
                })
                .afterAllThreads(tally -> Counts.assertNoLostUpdates("count++ between lock() and unlock()",
                        threads, increments, tally.count()[0]))
                .trialDeadline(DEADLINE)
                .repeatFor(Duration.ofMillis(300));
    }

    private static boolean allWaitedAgain(List<Thread> threads, long[] waitsBefore, SimpleReentrantLock lock) {
        for (int i = 0; i < threads.size(); i++) {
            var thread = threads.get(i);
            if (ThreadWatch.timesWaited(thread) <= waitsBefore[i] || !ThreadWatch.isWaitingOn(thread, lock)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the owner's one thread counts down {@code reached}, failing at once when it waits
     * in lock() instead: no other thread holds the lock, so it waits for itself.
     */
    private static void awaitStep(Workers owner, SimpleReentrantLock lock, CountDownLatch reached, String step) {
        var thread = owner.threads().getFirst();
        ThreadWatch.pollUntil(DEADLINE,
                () -> reached.getCount() == 0 || !thread.isAlive() || ThreadWatch.isWaitingOn(thread, lock));
        if (reached.getCount() == 0) {
            return;
        }
        if (ThreadWatch.isWaitingOn(thread, lock)) {
            var report = ThreadReport.describe(List.of(thread));
            thread.interrupt();
            throw new AssertionError("""
                    Thread "%s" was told to %s, and it waits in lock(), though no other thread holds the \
                    lock: it waits for itself. Nobody else will ever unlock, so it would wait forever: a \
                    self-deadlock.
                    Why: lock() must let the owner in at once. When the lock's owner is the calling thread \
                    (Thread.currentThread()), add one to the hold count and return without waiting.
                    The thread now:
                    %s""".formatted(thread.getName(), step, report));
        }
        owner.awaitCompletion(DEADLINE);
        throw new AssertionError("thread \"%s\" ended without managing to %s".formatted(thread.getName(), step));
    }

    /**
     * Waits until every thread in {@code waiters} waits on the lock's own monitor; fails when
     * {@code gotTheLock} turns true first, or when they wait somewhere else.
     */
    private static void awaitWaiting(List<Thread> waiters, SimpleReentrantLock lock, BooleanSupplier gotTheLock,
            String when) {
        ThreadWatch.pollUntil(DEADLINE, () -> gotTheLock.getAsBoolean()
                || waiters.stream().allMatch(t -> ThreadWatch.isWaitingOn(t, lock)));
        if (gotTheLock.getAsBoolean()) {
            throw new AssertionError("""
                    Another thread got the lock %s: lock() let it in without waiting.
                    Why: a lock has one owner at a time. lock() must wait (wait() on the lock, in a loop) while \
                    the owner is a thread other than the caller.""".formatted(when));
        }
        if (!waiters.stream().allMatch(t -> ThreadWatch.isWaitingOn(t, lock))) {
            throw new AssertionError("""
                    Threads calling lock() %s did not wait on the lock object itself within %s.
                    This exercise builds the lock from its own monitor: synchronized methods, and wait() and \
                    notifyAll() on this. The tests watch the waiting threads there; a private monitor object \
                    or a java.util.concurrent lock inside hides them.
                    The threads now:
                    %s""".formatted(when, Durations.readable(DEADLINE), ThreadReport.describe(waiters)));
        }
    }

    /** Waits for the workers to finish; when some are stuck, fails with {@code explanation} and where they wait. */
    private static void awaitStuckExplained(Workers workers, String explanation) {
        var threads = workers.threads();
        if (!ThreadWatch.pollUntil(DEADLINE, () -> threads.stream().noneMatch(Thread::isAlive))) {
            var stuck = threads.stream().filter(Thread::isAlive).toList();
            var report = ThreadReport.describe(stuck);
            stuck.forEach(Thread::interrupt);
            throw new AssertionError("%s%nThe threads still waiting %s later:%n%s"
                    .formatted(explanation, Durations.readable(DEADLINE), report));
        }
        workers.awaitCompletion(DEADLINE);
    }

    private static void assertHoldCount(SimpleReentrantLock lock, int expected, String when) {
        int actual = lock.getHoldCount();
        if (actual != expected) {
            throw new AssertionError("""
                    %s, getHoldCount() is %d, expected %d.
                    Why: each lock() by the owner adds one hold and each unlock() gives one back; the lock \
                    is free again only when the count is back to 0.""".formatted(when, actual, expected));
        }
    }

    private static void assertUnlockRefused(SimpleReentrantLock lock, String situation) {
        try {
            lock.unlock();
        } catch (IllegalMonitorStateException expected) {
            return;
        } catch (RuntimeException other) {
            throw new AssertionError(situation + ": unlock() threw " + other
                    + "; expected IllegalMonitorStateException, the exception ReentrantLock throws here.", other);
        }
        throw new AssertionError("""
                %s: unlock() returned normally. Expected IllegalMonitorStateException.
                Why: only the thread that holds the lock may unlock it, and only as often as it locked it; \
                otherwise one thread can open the lock in the middle of another thread's work. Check that the \
                owner is Thread.currentThread() before giving a hold back, as ReentrantLock.unlock() does.""".formatted(situation));
    }

    private static void await(CountDownLatch step) throws InterruptedException {
        if (!step.await(DEADLINE.toMillis() * 2, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the test never gave the signal this thread waited for");
        }
    }
}
