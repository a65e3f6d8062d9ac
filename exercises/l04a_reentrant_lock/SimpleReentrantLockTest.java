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

import workbook.testkit.BlockingCall;
import workbook.testkit.Counts;
import workbook.testkit.Durations;
import workbook.testkit.RaceScenario;
import workbook.testkit.SpuriousWakeup;
import workbook.testkit.ThreadReport;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class SimpleReentrantLockTest {

    /** Far longer than any step here takes; only a thread that is stuck needs it. */
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a thread must sit in one wait, unmoved, to count as asleep rather than passing through. */
    private static final Duration STEADY = Duration.ofMillis(100);
    /**
     * Before a thread that looks asleep is called stuck, how long it still gets to move: a thread
     * just woken but not yet given a core looks asleep too.
     */
    private static final Duration CONFIRM = Duration.ofMillis(250);
    /** How long an interrupted lock() may take to throw; a correct one throws within microseconds. */
    private static final Duration PROMPTLY = Duration.ofSeconds(1);

    @Test
    @DisplayName("the owner locks again without waiting: hold counts go 1, 2, 3, then 2, 1, 0")
    void theOwnerLocksAgainWithoutWaiting() throws Exception {
        var lock = new SimpleReentrantLock();
        var done = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            for (int holds = 1; holds <= 3; holds++) {
                lock.lock();
                assertHoldCount(lock, holds, "After lock() number " + holds + " by the owner");
            }
            for (int holds = 2; holds >= 0; holds--) {
                lock.unlock();
                assertHoldCount(lock, holds, "After unlock() number " + (3 - holds) + " by the owner");
            }
            done.countDown();
        });
        awaitStep(owner, done, "lock three times and unlock three times");
        owner.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("unlock() by a thread that does not hold the lock throws IllegalMonitorStateException and changes nothing")
    void onlyTheOwnerMayUnlock() throws Exception {
        var lock = new SimpleReentrantLock();
        assertUnlockRefused(lock, "Nobody had locked this lock, and the test's thread called unlock()");

        var holding = new CountDownLatch(1);
        var strangerTried = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            lock.lock();
            holding.countDown();
            await(strangerTried);
            assertHoldCount(lock, 1, "The owner had locked once; after another thread's refused unlock()");
            lock.unlock();
            assertUnlockRefused(lock, "The owner locked once and unlocked once, then called unlock() a second time");
        });
        try {
            awaitStep(owner, holding, "lock() once");
            assertHoldCount(lock, 0, "While thread \"owner-0\" held the lock, the test's thread (not the owner) asked");
            assertUnlockRefused(lock, "Thread \"owner-0\" held the lock, and the test's thread called unlock()");
        } finally {
            strangerTried.countDown();
        }
        owner.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("a thread with the same name as the owner is not the owner")
    void aThreadWithTheOwnersNameIsNotTheOwner() throws Exception {
        var lock = new SimpleReentrantLock();
        var holding = new CountDownLatch(1);
        var twinDone = new CountDownLatch(1);
        var owner = Workers.start("clerk", 1, i -> {
            Thread.currentThread().setName("clerk");
            lock.lock();
            holding.countDown();
            await(twinDone);
            lock.unlock();
        });
        try {
            awaitStep(owner, holding, "lock() once");
            int twinsCount = BlockingCall.call("clerk", lock::getHoldCount)
                    .awaitResult(DEADLINE, "getHoldCount() should answer at once.");
            var twinsUnlock = BlockingCall.run("clerk", lock::unlock);
            twinsUnlock.awaitDone(DEADLINE);
            boolean refused = thrownBy(twinsUnlock) instanceof IllegalMonitorStateException;
            var twinsLock = BlockingCall.run("clerk", () -> {
                lock.lock();
                lock.unlock();
            });
            boolean waited = waitsOrEnds(twinsLock);
            if (twinsCount != 0 || !refused || !waited) {
                throw new AssertionError("""
                        Thread "clerk" held the lock. Another thread, also named "clerk", asked getHoldCount() \
                        and got %d (expected 0); its unlock() %s (expected IllegalMonitorStateException); its \
                        lock() %s (expected it to wait).
                        Why: a name is not an identity: any number of threads may share one, and a thread may \
                        rename itself. Remember the owner as the Thread object itself (Thread.currentThread()), \
                        and compare with ==."""
                        .formatted(twinsCount, refused ? "was refused" : outcomeOf(twinsUnlock),
                                waited ? "waited" : "got in at once"));
            }
            twinDone.countDown();
            owner.awaitCompletion(DEADLINE);
            awaitEnds(List.of(twinsLock.thread()), lock, "Thread \"clerk\" unlocked; the other \"clerk\" waiting in lock()");
        } finally {
            twinDone.countDown();
        }
    }

    @Test
    @DisplayName("two locks side by side: holding one neither holds nor blocks the other")
    void twoLocksAreIndependent() throws Exception {
        var first = new SimpleReentrantLock();
        var second = new SimpleReentrantLock();
        var holdingFirst = new CountDownLatch(1);
        var mayUnlock = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            first.lock();
            second.lock();
            assertHoldCount(second, 1, "The owner locked two different locks once each; the second lock");
            assertHoldCount(first, 1, "The owner locked two different locks once each; the first lock");
            second.unlock();
            assertHoldCount(first, 1, "The owner locked two locks and unlocked the second; the first lock");
            holdingFirst.countDown();
            await(mayUnlock);
            first.unlock();
        });
        var queuedGotFirst = new AtomicBoolean();
        Workers queued = null;
        try {
            awaitStep(owner, holdingFirst, "lock two different locks, and unlock the second");
            queued = Workers.start("queued", 1, i -> {
                first.lock();
                queuedGotFirst.set(true);
                first.unlock();
            });
            awaitWaiting(queued.threads(), queuedGotFirst::get, "while thread \"owner-0\" held the lock");
            var other = BlockingCall.run("other", () -> {
                second.lock();
                second.unlock();
            });
            if (waitsOrEnds(other)) {
                throw new AssertionError("""
                        Thread "owner-0" held one SimpleReentrantLock, and thread "queued-0" waited for it; \
                        thread "other" called lock() on a different one, which nobody held, and it waits.
                        Why: each lock has its own owner, count and waiting threads. A static field is shared \
                        by every instance of the class, so one lock's owner (or its queue of waiting threads) \
                        blocks all the others: keep the owner, the count and any queue in instance fields.
                        %s""".formatted(other.describe()));
            }
        } finally {
            mayUnlock.countDown();
        }
        owner.awaitCompletion(DEADLINE);
        awaitEnds(queued.threads(), first, "The owner gave back its only hold on the first lock while thread \"queued-0\" waited for it");
        queued.awaitCompletion(DEADLINE);
    }

    @Test
    @DisplayName("another thread waits until the owner's last unlock(), not its first, and a wakeup does not let it in")
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
            awaitStep(owner, holdsTwice, "lock() twice");
            var waiter = Workers.start("waiter", 1, i -> {
                lock.lock();
                waiterGotIt.set(true);
                lock.unlock();
            });
            var waiterThread = waiter.threads().getFirst();
            awaitWaiting(List.of(waiterThread), waiterGotIt::get,
                    "while thread \"owner-0\" held the lock (it had called lock() twice)");

            unlockOnce.countDown();
            awaitStep(owner, unlockedOnce, "unlock() once");
            if (!waiterGotIt.get()) {
                long waitsBefore = SpuriousWakeup.wake(waiterThread, lock);
                ThreadWatch.pollUntil(DEADLINE, () -> waiterGotIt.get() || waitsAgain(waiterThread, waitsBefore));
            }
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
                        lock() twice and unlock() once). The test had woken the waiter without freeing the \
                        lock, as a spurious wakeup or another thread's wakeup call can.
                        Why: returning from wait() (or park(), or await()) means only "something may have \
                        changed", not "the lock is free". Check again after every wakeup: put the wait in a \
                        loop, while (the lock is held by another thread) wait();""");
            }
            unlockAgain.countDown();
            owner.awaitCompletion(DEADLINE);
            awaitEnds(waiter.threads(), lock, "The owner gave back its last hold while thread \"waiter-0\" waited in lock()");
            waiter.awaitCompletion(DEADLINE);
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
        try {
            awaitStep(owner, ownerHolds, "lock() once");
            var waiters = Workers.start("waiter", 3, i -> {
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
            awaitWaiting(waiterThreads, () -> firstHolder.get() != null, "while thread \"owner-0\" held the lock");

            ownerMayUnlock.countDown();
            owner.awaitCompletion(DEADLINE);
            if (!ThreadWatch.pollUntil(DEADLINE, () -> firstHolder.get() != null
                    || allStayWaitingInLock(waiterThreads))) {
                throw new AssertionError("Three threads waited for the lock; the owner unlocked it, and %s later none of them had it.%n%s"
                        .formatted(Durations.readable(DEADLINE), ThreadReport.describe(waiterThreads)));
            }
            if (firstHolder.get() == null) {
                awaitEnds(waiterThreads, lock, "Three threads waited in lock(); the owner gave back its only hold");
            }
            var winner = firstHolder.get();
            var losers = waiterThreads.stream().filter(t -> t != winner).toList();
            if (secondHolder.get() == null) {
                var waitsBefore = losers.stream().mapToLong(loser -> SpuriousWakeup.wake(loser, lock)).toArray();
                ThreadWatch.pollUntil(DEADLINE, () -> secondHolder.get() != null || allWaitAgain(losers, waitsBefore));
            }
            if (secondHolder.get() != null) {
                throw new AssertionError("""
                        Two threads held the lock at the same time: "%s" got it when the owner unlocked, and \
                        "%s" got it while "%s" still held it.
                        Why: notifyAll() wakes every waiting thread, but only one of them can win the lock; and \
                        a wait may also return when nothing changed at all (the test woke the waiters itself \
                        while the lock was held, as a spurious wakeup can). A woken thread must check again \
                        and go back to waiting: put the wait in a loop, while (the lock is held by another \
                        thread) wait();""".formatted(winner.getName(), secondHolder.get().getName(), winner.getName()));
            }
            winnerMayUnlock.countDown();
            awaitEnds(losers, lock, "The first waiting thread got the lock and gave it back; two threads still waited in lock()");
            waiters.awaitCompletion(DEADLINE);
            if (mostInside.get() > 1) {
                throw new AssertionError("%d waiting threads held the lock at the same time; a lock lets in one."
                        .formatted(mostInside.get()));
            }
        } finally {
            ownerMayUnlock.countDown();
            winnerMayUnlock.countDown();
        }
    }

    @Test
    @DisplayName("lock() interrupted while it waits, or called already interrupted, throws InterruptedException and takes nothing")
    void anInterruptedWaiterThrowsAndTakesNothing() throws Exception {
        var lock = new SimpleReentrantLock();
        var holding = new CountDownLatch(1);
        var mayUnlock = new CountDownLatch(1);
        var owner = Workers.start("owner", 1, i -> {
            lock.lock();
            holding.countDown();
            await(mayUnlock);
            assertHoldCount(lock, 1, "The owner locked once; after another thread's lock() was interrupted");
            lock.unlock();
        });
        try {
            awaitStep(owner, holding, "lock() once");
            var waiter = BlockingCall.run("waiter", lock::lock);
            waiter.assertBlocks(DEADLINE, "lock(), called while thread \"owner-0\" held the lock,");
            waiter.interrupt();
            waiter.assertThrowsInterruptedException(PROMPTLY, "lock(), waiting while thread \"owner-0\" held the lock,");
            BlockingCall.runInterrupted("late-waiter", lock::lock)
                    .assertThrowsInterruptedException(PROMPTLY, "lock(), called with the thread's interrupt flag "
                            + "already set while thread \"owner-0\" held the lock,");
        } finally {
            mayUnlock.countDown();
        }
        owner.awaitCompletion(DEADLINE);
        var next = Workers.start("next", 1, i -> {
            lock.lock();
            assertHoldCount(lock, 1, "After two interrupted lock() calls and the owner's unlock(), a new thread locked once");
            lock.unlock();
        });
        awaitEnds(next.threads(), lock, "Two lock() calls were interrupted and the owner then unlocked; a new thread called lock()");
        next.awaitCompletion(DEADLINE);
    }

    /** Two threads each add to one count while holding the lock; the lock is fresh every trial. */
    record Tally(SimpleReentrantLock lock, int[] count) {}

    @Test
    @DisplayName("two threads counting under the lock lose no update")
    void threadsCountingUnderTheLockLoseNoUpdate() {
        int threads = 2;
        int increments = 1_000;
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
                .trialDeadline(Duration.ofSeconds(1))
                .stuckWhenAllWaitIn(SimpleReentrantLock.class)
                .repeatFor(Duration.ofMillis(100));
    }

    /** A thread parked, waiting or timed waiting, in SimpleReentrantLock's code (not blocked passing a monitor). */
    private static boolean waitsInLock(Thread thread) {
        var state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && ThreadWatch.isWaitingIn(thread, SimpleReentrantLock.class);
    }

    private static boolean staysWaitingInLock(Thread thread) {
        return allStayWaitingInLock(List.of(thread));
    }

    /** Every thread of {@code threads} has ended, or waits in the lock and has not moved for {@link #STEADY}. */
    private static boolean allStayWaitingInLock(List<Thread> threads) {
        var alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.stream().allMatch(SimpleReentrantLockTest::waitsInLock)) {
            return false;
        }
        var movesBefore = alive.stream().mapToLong(ThreadWatch::timesWaited).toArray();
        ThreadWatch.pollUntil(STEADY, () -> false);
        for (int i = 0; i < alive.size(); i++) {
            var thread = alive.get(i);
            if (thread.isAlive() && (!waitsInLock(thread) || ThreadWatch.timesWaited(thread) != movesBefore[i])) {
                return false;
            }
        }
        return true;
    }

    /** The thread was woken after {@code waitsBefore} waits and has gone back to waiting in the lock. */
    private static boolean waitsAgain(Thread thread, long waitsBefore) {
        return ThreadWatch.timesWaited(thread) > waitsBefore && waitsInLock(thread);
    }

    private static boolean allWaitAgain(List<Thread> threads, long[] waitsBefore) {
        for (int i = 0; i < threads.size(); i++) {
            if (!waitsAgain(threads.get(i), waitsBefore[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until the owner's one thread counts down {@code reached}, failing at once when it waits
     * in the lock instead: no other thread holds the lock, so it waits for itself.
     */
    private static void awaitStep(Workers owner, CountDownLatch reached, String step) {
        var thread = owner.threads().getFirst();
        ThreadWatch.pollUntil(DEADLINE, () -> reached.getCount() == 0 || !thread.isAlive() || staysWaitingInLock(thread));
        ThreadWatch.pollUntil(CONFIRM, () -> reached.getCount() == 0 || !thread.isAlive());
        if (reached.getCount() == 0) {
            return;
        }
        if (thread.isAlive() && waitsInLock(thread)) {
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
     * Waits until every thread in {@code waiters} waits inside the lock; fails when
     * {@code gotTheLock} turns true first, or when they keep running instead of waiting.
     */
    private static void awaitWaiting(List<Thread> waiters, BooleanSupplier gotTheLock, String when) {
        ThreadWatch.pollUntil(DEADLINE, () -> gotTheLock.getAsBoolean()
                || waiters.stream().allMatch(SimpleReentrantLockTest::waitsInLock));
        if (gotTheLock.getAsBoolean()) {
            throw new AssertionError("""
                    Another thread got the lock %s: lock() let it in without waiting.
                    Why: a lock has one owner at a time. lock() must wait (wait() in a loop) while the owner \
                    is a thread other than the caller.""".formatted(when));
        }
        if (!waiters.stream().allMatch(SimpleReentrantLockTest::waitsInLock)) {
            throw new AssertionError("""
                    Threads calling lock() %s neither got the lock nor waited within %s: they kept running.
                    Why: a thread that cannot have the lock must wait (wait(), await() or park()) until it is \
                    woken; a loop that keeps checking burns a core that the owner may need to finish.
                    The threads now:
                    %s""".formatted(when, Durations.readable(DEADLINE), ThreadReport.describe(waiters)));
        }
    }

    /**
     * Waits for {@code threads}, each blocked in lock() on a lock that has just become free, to get
     * it and end. When they stay asleep instead, a new thread tries the lock, to tell the two causes
     * apart: the lock was freed but nobody woke the waiters, or it was never really freed.
     */
    private static void awaitEnds(List<Thread> threads, SimpleReentrantLock lock, String situation) throws InterruptedException {
        ThreadWatch.pollUntil(DEADLINE, () -> allStayWaitingInLock(threads));
        if (threads.stream().noneMatch(Thread::isAlive)) {
            return;
        }
        // The newcomer tries the lock while the waiters get their last chance to move, not after.
        var newcomer = BlockingCall.run("newcomer", () -> {
            lock.lock();
            lock.unlock();
        });
        ThreadWatch.pollUntil(CONFIRM, () -> threads.stream().noneMatch(Thread::isAlive));
        var stuck = threads.stream().filter(Thread::isAlive).toList();
        if (stuck.isEmpty()) {
            newcomer.awaitDone(DEADLINE);
            return;
        }
        var report = ThreadReport.describe(stuck);
        boolean lockLooksTaken = waitsOrEnds(newcomer);
        stuck.forEach(Thread::interrupt);
        newcomer.interrupt();
        throw new AssertionError(lockLooksTaken
                ? """
                %s. The lock looks taken although nobody holds it: the waiting threads never got it, and a \
                new thread's lock() waits too.
                Why: when the owner gives back its last hold (the count is back to 0), unlock() must free the \
                lock: clear the owner, so that a waiting thread's check (is the lock held by another thread?) \
                says no.
                The threads still waiting:
                %s""".formatted(situation, report)
                : """
                %s. The lock is free (a new thread's lock() got it at once), yet the waiting threads never \
                got it.
                Why: a thread in wait() sleeps until it is woken. When unlock() frees the lock, it must wake \
                the waiting threads (notifyAll(), or signal() on their Condition).
                The threads still waiting:
                %s""".formatted(situation, report));
    }

    /** True when the call ends up waiting in the lock, false when it ends without waiting. */
    private static boolean waitsOrEnds(BlockingCall<?> call) {
        var thread = call.thread();
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || staysWaitingInLock(thread));
        if (call.isDone()) {
            return false;
        }
        if (waitsInLock(thread)) {
            return true;
        }
        throw new AssertionError("""
                "%s" neither returned nor waited within %s: it kept running.
                Why: a thread that cannot have the lock must wait (wait(), await() or park()) until it is \
                woken, not spin.
                %s""".formatted(thread.getName(), Durations.readable(DEADLINE), call.describe()));
    }

    private static Throwable thrownBy(BlockingCall<?> call) {
        try {
            call.result();
            return null;
        } catch (AssertionError wrapped) {
            return wrapped.getCause();
        }
    }

    private static String outcomeOf(BlockingCall<?> call) {
        var thrown = thrownBy(call);
        return thrown == null ? "returned normally" : "threw " + thrown;
    }

    private static void assertHoldCount(SimpleReentrantLock lock, int expected, String when) {
        int actual = lock.getHoldCount();
        if (actual != expected) {
            throw new AssertionError("""
                    %s, getHoldCount() is %d, expected %d.
                    Why: getHoldCount() answers for the calling thread: how many holds it has, 0 for a thread \
                    that is not the owner. Each lock() by the owner adds one hold and each unlock() gives one \
                    back; each lock counts its own.""".formatted(when, actual, expected));
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
