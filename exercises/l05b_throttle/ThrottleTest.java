package l05b_throttle;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.Occupancy;
import workbook.testkit.RaceScenario;
import workbook.testkit.SpuriousWakeup;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;

class ThrottleTest {

    private static final int LIMIT = 2;
    private static final int CALLERS = 5;
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** How long an interrupted caller may take to stop waiting, on a busy machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    /**
     * How long an interrupted caller that has begun a new wait inside the throttle must stay in it
     * to count as waiting on: a caller that obeys the interrupt never waits there again.
     */
    private static final Duration WAITS_ON = Duration.ofMillis(50);

    private static final String WHY_TOO_MANY = """
            a task may run only while its call holds one of the throttle's slots (with a Semaphore: one \
            of its permits), from before the task starts until after it ends, and there are exactly \
            maxConcurrentCalls slots. More get in when there are more permits than that, or when a call \
            gives its permit back before its task is over.""";
    private static final String WHY_TOO_FEW = """
            the throttle should have maxConcurrentCalls slots (with a Semaphore: that many permits). \
            Fewer get in when it starts with fewer, or when one call at a time holds a lock while its \
            task runs.""";

    /** What a task throws in the tests that make it fail with an Error, not an exception. */
    static final class TaskCrashed extends Error {
        TaskCrashed() {
            super("the task crashed with an Error");
        }
    }

    /** A throttle of two, and tasks that stay inside it until the test lets them out. */
    static final class Fixture {
        final Throttle throttle = new Throttle(LIMIT);
        final Occupancy region = new Occupancy("running inside the throttle");
        final AtomicInteger tasksRun = new AtomicInteger();
        final Callable<Void> stayInside = () -> {
            region.stayInside();
            tasksRun.incrementAndGet();
            return null;
        };

        Occupancy.Crowd callers(String name, int count) {
            return region.crowd(name, count, index -> throttle.call(stayInside));
        }
    }

    @Test
    @DisplayName("a call returns its task's result, and throws what its task threw, unchanged")
    void aCallHandsBackWhatTheTaskDid() throws Exception {
        record Answers(Thread caller, Thread runner, Integer answer) {}
        var first = BlockingCall.call("caller", () -> {
            var throttle = new Throttle(LIMIT);
            return new Answers(Thread.currentThread(), throttle.call(Thread::currentThread), throttle.call(() -> 42));
        });
        if (!first.awaitDone(PROMPTLY)) {
            throw new AssertionError("""
                    Two calls one after another on a new throttle of %d, each with a task that returns at \
                    once, were still not done after %s: a call waits though a slot is free.
                    Why: while fewer than maxConcurrentCalls tasks run, no caller waits, and a call that \
                    ended gave its slot back.
                    %s""".formatted(LIMIT, Durations.readable(PROMPTLY), first.describe()));
        }
        var answers = first.result();
        if (answers.runner() != answers.caller()) {
            throw new AssertionError("""
                    call(task) ran the task on "%s", not on the caller's thread "%s".
                    Why: TASK.md asks for the task to run on the caller's own thread, so no executor \
                    and no new thread: wait for a slot, then call the task yourself."""
                    .formatted(answers.runner().getName(), answers.caller().getName()));
        }
        if (!Integer.valueOf(42).equals(answers.answer())) {
            throw new AssertionError("call(() -> 42) returned " + answers.answer() + "; it must return what the task returned.");
        }
        for (var failure : List.<Throwable>of(new IllegalStateException("the task failed"),
                new IOException("the task's connection broke"), new TaskCrashed())) {
            // a throttle of its own for each failure, so that a slot lost by one cannot block the next
            var call = BlockingCall.call("caller", () -> new Throttle(LIMIT).call(() -> {
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (Exception) failure;
            }));
            if (!call.awaitDone(PROMPTLY)) {
                throw new AssertionError("""
                        call(task) on a new throttle was still inside after %s; its task throws at once.
                        %s""".formatted(Durations.readable(PROMPTLY), call.describe()));
            }
            Throwable thrown = null;
            try {
                call.result();
            } catch (AssertionError e) {
                thrown = e.getCause();
            }
            if (thrown != failure) {
                throw new AssertionError("""
                        A task threw %s, and call() threw %s.
                        Why: the task's own exception (checked or not) or Error must reach the caller as it \
                        is: call() declares throws Exception so that nothing needs catching or wrapping. \
                        Free the slot in finally and let what the task threw through."""
                        .formatted(failure, thrown));
            }
        }
    }

    @Test
    @DisplayName("two of five callers run at once, never more, never fewer, and all five run in the end")
    void twoOfFiveRunAtOnce() {
        var fixture = new Fixture();
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            callers.finish(DEADLINE, Throttle.class);
        }
        if (fixture.tasksRun.get() != CALLERS) {
            throw new AssertionError("""
                    %d callers called, and only %d of their tasks ran.
                    Why: a caller who finds every slot taken must wait for one, then run its task; \
                    call() may not return without running it.""".formatted(CALLERS, fixture.tasksRun.get()));
        }
    }

    @Test
    @DisplayName("two callers for the last free slot: one waits, wherever the first is stopped")
    void twoCallersForTheLastFreeSlot() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var throttle = new Throttle(1);
                var inside = new AtomicInteger();
                var mostInside = new AtomicInteger();
                var secondMayLeave = new CountDownLatch(1);
                var first = preemption.start("first caller", point, () -> throttle.call(() -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    inside.decrementAndGet();
                    return null;
                }));
                boolean stopped = first.awaitStopped(DEADLINE);
                var second = BlockingCall.call("second caller", () -> throttle.call(() -> {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        secondMayLeave.await();
                    } finally {
                        inside.decrementAndGet();
                    }
                    return null;
                }));
                second.awaitSettled(DEADLINE);
                first.resume();
                first.call().awaitSettled(DEADLINE);
                secondMayLeave.countDown();
                first.call().awaitResult(DEADLINE, WAITS_ON, "call() must get the slot once the other task has ended");
                second.awaitResult(DEADLINE, WAITS_ON, "call() must get the slot once the other task has ended");
                if (mostInside.get() > 1) {
                    throw new AssertionError("""
                            The first call() on a throttle of one slot was held at its preemption point %d (a \
                            lock, semaphore or condition call, or a synchronized block, entered or left) while a \
                            second call() took the slot. Tasks that ran at once: %d.
                            Why: "a slot is free" and "take it" must be one step: one hold of the lock in which \
                            the caller both checks the count and counts itself in (or one call, such as a \
                            Semaphore's acquire()). Between two holds, or with the count changed outside the \
                            lock, the other caller can take the slot the first one saw.""".formatted(point, mostInside.get()));
                }
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("when one slot frees, one waiting caller gets in, not all of them")
    void oneFreedSlotLetsOneCallerIn() {
        var fixture = new Fixture();
        try (var leaving = fixture.callers("leaving", 1)) {
            leaving.assertInside(1, WHY_TOO_MANY, WHY_TOO_FEW);
            try (var staying = fixture.callers("staying", 1)) {
                staying.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
                try (var waiting = fixture.callers("waiting", CALLERS - LIMIT)) {
                    waiting.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
                    leaving.finish(DEADLINE, Throttle.class);
                    waiting.assertInside(LIMIT, """
                            one of two running tasks ended while %d callers waited, and more than one of \
                            them got in for the one slot it freed. A waiter woken by notifyAll() (or \
                            signalAll()) must check again whether a slot is free before it takes one: wait \
                            in a while loop, not an if.""".formatted(CALLERS - LIMIT), """
                            one of two running tasks ended while callers waited, and none of them took the \
                            slot it freed: a call that ends must wake a waiting caller.""");
                    staying.finish(DEADLINE, Throttle.class);
                    waiting.finish(DEADLINE, Throttle.class);
                }
            }
        }
    }

    @Test
    @DisplayName("a waiting caller woken while no slot is free waits again")
    void aCallerWokenWhileFullWaitsAgain() {
        var fixture = new Fixture();
        try (var running = fixture.callers("running", LIMIT)) {
            running.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            try (var waiting = fixture.callers("waiting", CALLERS - LIMIT)) {
                waiting.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
                waiting.waitingOutside().forEach(thread -> SpuriousWakeup.wake(thread, fixture.throttle));
                waiting.assertInside(LIMIT, """
                        both slots were taken and %d callers waited; the test woke the waiting callers \
                        without freeing a slot (as a spurious wakeup, or a signal meant for another \
                        waiter, can), and a woken caller went in. A wakeup only says "look again": wait in \
                        a while loop that checks for a free slot, not an if.""".formatted(CALLERS - LIMIT),
                        WHY_TOO_FEW);
                running.finish(DEADLINE, Throttle.class);
                waiting.finish(DEADLINE, Throttle.class);
            }
        }
    }

    /** A throttle raced by many short calls, with what their tasks saw. */
    record Churn(Throttle throttle, AtomicInteger inside, AtomicInteger mostInside, Queue<Throwable> thrown) {}

    @Test
    @DisplayName("many short calls at once: never more than the limit inside, and no call fails")
    void manyShortCallsAtOnceKeepTheLimit() {
        int callsPerThread = 300;
        RaceScenario.of("churner", () -> new Churn(new Throttle(LIMIT), new AtomicInteger(), new AtomicInteger(),
                        new ConcurrentLinkedQueue<>()))
                .threads(CALLERS - 1)
                .eachThread((churn, index) -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        try {
                            churn.throttle().call(() -> {
                                churn.mostInside().accumulateAndGet(churn.inside().incrementAndGet(), Math::max);
                                churn.inside().decrementAndGet();
                                return null;
                            });
                        } catch (Exception | Error thrown) {
                            churn.thrown().add(thrown);
                            return;
                        }
                    }
                })
                .afterAllThreads(churn -> {
                    var first = churn.thrown().peek();
                    if (first != null) {
                        throw new AssertionError("""
                                %d threads each made %d calls at once, with tasks that return at once, and a \
                                call threw %s, though its task threw nothing.
                                Why: the throttle's own bookkeeping failed under contention. Take each lock \
                                with lock() (or lockInterruptibly()) and go on only once you hold it: a \
                                tryLock() whose answer is ignored goes on without the lock, and its unlock() \
                                or await() then throws IllegalMonitorStateException.""".formatted(
                                CALLERS - 1, callsPerThread, first), first);
                    }
                    if (churn.mostInside().get() > LIMIT) {
                        throw new AssertionError("""
                                %d threads each made %d calls at once to a throttle of %d, and %d tasks ran at \
                                the same moment.
                                Why: the check for a free slot and taking it must happen under one hold of \
                                the lock, and so must every change of the count of running calls: a count \
                                changed outside the lock, or checked in one hold and taken in another, lets \
                                extra callers in.""".formatted(CALLERS - 1, callsPerThread, LIMIT,
                                churn.mostInside().get()));
                    }
                })
                .trialDeadline(DEADLINE)
                .stuckWhenAllWaitIn(Throttle.class)
                .repeatFor(Duration.ofMillis(150));
    }

    @Test
    @DisplayName("the limit still holds after many calls have come and gone")
    void theLimitHoldsAfterManyCalls() throws Exception {
        var fixture = new Fixture();
        int earlierCalls = 10;
        var earlier = BlockingCall.run("caller", () -> {
            for (int i = 0; i < earlierCalls; i++) {
                fixture.throttle.call(() -> null);
            }
        });
        if (!earlier.awaitDone(PROMPTLY)) {
            throw new AssertionError("""
                    %d calls one after another, each with a task that returns at once, were still not \
                    done after %s: a call is waiting for a slot though no other call runs.
                    Why: every call must give its slot back when its task ends.
                    %s""".formatted(earlierCalls, Durations.readable(PROMPTLY), earlier.describe()));
        }
        earlier.result();
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, """
                    %d earlier calls, one after another, had come and gone, and the throttle let more \
                    in than it did when it was new: some call gave back more permits than it took. A \
                    Semaphore does not know who holds its permits, so each release() adds one, even a \
                    second release() by the same call. Release exactly once, in finally."""
                    .formatted(earlierCalls), WHY_TOO_FEW);
            callers.finish(DEADLINE, Throttle.class);
        }
    }

    @Test
    @DisplayName("a task that throws an exception or an Error frees its slot")
    void aTaskThatThrowsFreesItsSlot() throws Exception {
        var fixture = new Fixture();
        for (var failure : List.<Throwable>of(new IllegalStateException("the task failed"), new TaskCrashed())) {
            try {
                fixture.throttle.call(() -> {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) failure;
                });
            } catch (IllegalStateException | TaskCrashed expected) {
                // the task's own failure; what matters is whether its slot came back
            }
        }
        try (var callers = fixture.callers("caller", CALLERS)) {
            callers.assertInside(LIMIT, WHY_TOO_MANY, """
                    two earlier tasks threw, one an exception and one an Error, and a call never gave its \
                    permit back, so the throttle is a slot short for good. Release in a finally block, which \
                    runs however the task ends: catch (Exception) misses an Error such as \
                    OutOfMemoryError or StackOverflowError.""");
            callers.finish(DEADLINE, Throttle.class);
        }
    }

    @Test
    @DisplayName("a caller interrupted while it waits, or before it calls, gets InterruptedException, runs nothing and frees no slot")
    void anInterruptedCallerFreesNoSlot() throws InterruptedException {
        var fixture = new Fixture();
        Queue<String> interrupted = new ConcurrentLinkedQueue<>();
        var tasksRunBefore = new AtomicInteger();
        try (var first = fixture.region.crowd("caller", LIMIT + 1, index -> {
            try {
                fixture.throttle.call(fixture.stayInside);
            } catch (InterruptedException e) {
                interrupted.add(Thread.currentThread().getName());
            }
        })) {
            first.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            var waiting = first.waitingOutside().getFirst();
            long waitsBefore = ThreadWatch.timesWaited(waiting);
            long interruptedAt = System.nanoTime();
            waiting.interrupt();
            boolean waitsAgain = ThreadWatch.pollUntil(PROMPTLY, () -> !waiting.isAlive()
                    || ThreadWatch.timesWaited(waiting) > waitsBefore && ThreadWatch.staysWaitingIn(waiting, Throttle.class, WAITS_ON))
                    && waiting.isAlive();
            if (waitsAgain || !waiting.join(PROMPTLY)) {
                throw new AssertionError("""
                        %s was interrupted while it waited for a slot, and %s later it was still waiting.
                        Why: an interrupt asks a waiting thread to stop waiting. acquire() throws \
                        InterruptedException when the waiting thread is interrupted; \
                        acquireUninterruptibly() and loops that catch the interrupt and wait again go on \
                        waiting.""".formatted(waiting.getName(), Durations.readable(Duration.ofNanos(System.nanoTime() - interruptedAt))));
            }
            if (!interrupted.contains(waiting.getName())) {
                throw new AssertionError("""
                        %s was interrupted while it waited for a slot, and its call() ended without \
                        throwing InterruptedException.
                        Why: the caller can tell "I was interrupted" from "my task ran" only by the \
                        exception. Let acquire()'s InterruptedException through.""".formatted(waiting.getName()));
            }
            tasksRunBefore.set(fixture.tasksRun.get());
            BlockingCall.callInterrupted("interrupted caller", () -> fixture.throttle.call(() -> fixture.tasksRun.incrementAndGet()))
                    .assertThrowsInterruptedException(PROMPTLY,
                            "call(task), made with every slot taken by a thread already interrupted,");
            if (fixture.tasksRun.get() != tasksRunBefore.get()) {
                throw new AssertionError("""
                        A caller interrupted before it called, with every slot taken, got its task run.
                        Why: an interrupted caller gets no slot, so its task must not run.""");
            }
            first.finish(DEADLINE, Throttle.class);
        }
        try (var later = fixture.callers("later", LIMIT + 1)) {
            later.assertInside(LIMIT, """
                    callers were interrupted while they waited (so they never got a permit), and a \
                    call released one anyway. That happens when acquire() is inside the try whose \
                    finally releases: an acquire that throws then releases too. Acquire first, and \
                    start the try only once you hold the permit.""", """
                    callers were interrupted earlier while they waited, and since then the throttle \
                    lets fewer in: an interrupted caller must leave nothing behind, neither a slot \
                    nor a lock (unlock in finally).""");
            later.finish(DEADLINE, Throttle.class);
        }
    }

    @Test
    @DisplayName("two throttles side by side each let their own two calls run")
    void twoThrottlesSideBySide() {
        var first = new Fixture();
        var second = new Fixture();
        try (var firstCallers = first.callers("first-throttle", LIMIT);
                var secondCallers = second.callers("second-throttle", CALLERS)) {
            firstCallers.assertInside(LIMIT, WHY_TOO_MANY, WHY_TOO_FEW);
            var why = """
                    two throttles of two were made; two calls ran inside the first, and the second, a \
                    different throttle, did not let exactly two of its own callers in. A throttle's slots \
                    belong to that throttle alone: a static field is shared by every throttle.""";
            secondCallers.assertInside(LIMIT, why, why);
            firstCallers.finish(DEADLINE, Throttle.class);
            secondCallers.finish(DEADLINE, Throttle.class);
        }
    }
}
