package l12a_bounded_executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.BlockingCall;
import workbook.testkit.HeldLocks;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;
import workbook.testkit.preemption.PreemptionPoints;

@ExtendWith(NoThreadLeaks.class)
class BoundedExecutorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long a caller must stay parked in BoundedExecutor, unwoken, to count as waiting for room. */
    private static final Duration STEADY = Duration.ofMillis(30);
    /** How long a caller that was interrupted may stay in one wait before it counts as ignoring the interrupt. */
    private static final Duration QUIET = Duration.ofMillis(200);

    @Test
    @DisplayName("it takes threads + queued tasks at once, runs exactly `threads` of them at a time, and makes the next caller wait")
    void takesThreadsPlusQueuedThenWaits() throws InterruptedException {
        for (int[] size : new int[][] {{1, 1}, {2, 3}, {3, 0}}) {
            try (var tasks = new Tasks()) {
                var executor = tasks.executor(size[0], size[1]);
                tasks.assertCapacity(executor, size[0], size[1], "");
                tasks.assertEveryTakenTaskRanOnce();
            }
        }
    }

    @Test
    @DisplayName("a task that throws an exception or an Error gives its place back, and what it threw reaches its thread's uncaught-exception handler")
    void failingTasksGiveTheirPlaceBack() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(2, 2);
            var thrown = new ArrayList<Throwable>();
            var ran = new AtomicInteger();
            for (int i = 0; i < 4; i++) {
                var failure = i % 2 == 0 ? new IllegalStateException("task " + i + " failed") : new TaskError(i);
                thrown.add(failure);
                tasks.submitsAtOnce(executor, () -> {
                    ran.incrementAndGet();
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    throw (RuntimeException) failure;
                }, "submit(...) of a task that will throw, with " + i + " such tasks taken before");
            }
            // Once every task has run, each pool thread has either ended (after its handler ran) or
            // gone back to wait for work: a Future that kept the failure leaves nothing more to wait for.
            ThreadWatch.pollUntil(DEADLINE, () -> tasks.handled.size() == thrown.size()
                    || ran.get() == thrown.size()
                            && tasks.threads.stream().allMatch(thread -> !thread.isAlive() || ThreadWatch.staysParked(thread, QUIET)));
            assertThat(tasks.handled.size() == thrown.size())
                    .as("""
                            What the uncaught-exception handlers of the pool's threads got from 4 tasks that threw: %s.
                            Why: a task that throws must not fail in silence. execute() lets the exception \
                            end the task on its thread, whose uncaught-exception handler reports it; submit() \
                            keeps it in a Future, and a Future nobody reads hides it for ever.""", tasks.handled)
                    .isTrue();
            assertThat(tasks.handled).as("the throwables the handlers got, compared with what the tasks threw")
                    .containsExactlyInAnyOrderElementsOf(thrown);
            tasks.assertCapacity(executor, 2, 2, """
                    Before this, 4 tasks threw, 2 of them an Error: each must have given its place back. \
                    Give the place back in a finally block, not in catch (Exception e), which an Error passes by.
                    """);
        }
    }

    @Test
    @DisplayName("interrupted while it waits for room (or before), submit throws InterruptedException and the task never runs")
    void interruptedSubmit() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 1);
            tasks.fill(executor, 1, 1);
            var neverRun = new AtomicInteger();
            var waiting = BlockingCall.run("submitter", () -> executor.submit(neverRun::incrementAndGet));
            tasks.assertWaitsForRoom(waiting, "submit(...) while 1 task runs and 1 waits");
            waiting.interrupt();
            waiting.assertThrowsInterruptedException(DEADLINE, QUIET, "submit(...) waiting for room");
            var interruptedBefore = BlockingCall.runInterrupted("submitter", () -> executor.submit(neverRun::incrementAndGet));
            interruptedBefore.assertThrowsInterruptedException(DEADLINE, QUIET, "submit(...) with no room, called with the interrupt flag set");
            tasks.releaseAll();
            tasks.awaitAllFinished();
            assertThat(neverRun.get())
                    .as("""
                            How many of the tasks whose submit(...) threw InterruptedException ran anyway.
                            Why: an exception tells the caller the task was not taken; running it anyway \
                            does the work twice when the caller tries again.""")
                    .isZero();
            tasks.assertCapacity(executor, 1, 1, "Before this, two callers were interrupted while they waited for room.\n");
        }
    }

    @Test
    @DisplayName("two callers waiting for room at once: each can be interrupted, and each offer keeps its own timeout")
    void twoCallersWaiting() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 0);
            tasks.fill(executor, 1, 0);
            var neverRun = new AtomicInteger();
            var first = BlockingCall.run("first-submitter", () -> executor.submit(neverRun::incrementAndGet));
            tasks.assertWaitsForRoom(first, "submit(...) while the only thread is busy");
            var second = BlockingCall.run("second-submitter", () -> executor.submit(neverRun::incrementAndGet));
            tasks.assertWaitsForRoom(second, "a second submit(...) while the only thread is busy");
            second.interrupt();
            second.assertThrowsInterruptedException(DEADLINE, QUIET, """
                    the second of two submit(...) calls waiting for room (a caller that waits to enter a \
                    synchronized method cannot be interrupted)""");
            first.interrupt();
            first.assertThrowsInterruptedException(DEADLINE, QUIET, "the first of two submit(...) calls waiting for room");
            var firstOffer = BlockingCall.call("first-offerer", () -> executor.offer(neverRun::incrementAndGet, Duration.ofSeconds(30)));
            tasks.assertWaitsForRoom(firstOffer, "offer(task, 30 s) while the only thread is busy");
            var secondOffer = BlockingCall.call("second-offerer", () -> executor.offer(neverRun::incrementAndGet, Duration.ofSeconds(30)));
            tasks.assertWaitsForRoom(secondOffer, "a second offer(task, 30 s) while the only thread is busy");
            secondOffer.interrupt();
            secondOffer.assertThrowsInterruptedException(DEADLINE, QUIET, """
                    the second of two offer(...) calls waiting for room. Why: each offer waits on its own, up \
                    to its own timeout; a caller that waits to enter a synchronized method (while another offer \
                    waits inside it) can neither be interrupted nor keep its own timeout""");
            firstOffer.interrupt();
            firstOffer.assertThrowsInterruptedException(DEADLINE, QUIET, "the first of two offer(...) calls waiting for room");
            tasks.releaseAll();
            tasks.awaitAllFinished();
            assertThat(neverRun.get()).as("tasks of callers that were interrupted or gave up, that ran anyway").isZero();
        }
    }

    @Test
    @DisplayName("offer(...) takes a task at once when there is room, even with a zero timeout")
    void offerWithRoom() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 1);
            for (var timeout : List.of(Duration.ZERO, Duration.ofNanos(500))) {
                var ran = new CountDownLatch(1);
                var offer = BlockingCall.call("offerer", () -> executor.offer(ran::countDown, timeout));
                assertThat(offer.awaitResult(DEADLINE, "offer(...) with room must return at once"))
                        .as("offer(task, %d ns) to an idle executor: there is room, so the task is taken", timeout.toNanos())
                        .isTrue();
                assertThat(ran.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the task taken by offer(...) ran within 2 s").isTrue();
            }
        }
    }

    @Test
    @DisplayName("offer(...) with no room gives up at its timeout (at once for a zero, sub-millisecond or negative one), and the task never runs")
    void offerWithoutRoom() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 1);
            tasks.fill(executor, 1, 1);
            var ran = new AtomicInteger();
            for (var timeout : List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofMillis(-5))) {
                var offer = BlockingCall.call("offerer", () -> executor.offer(ran::incrementAndGet, timeout));
                assertThat(offer.awaitDone(Duration.ofSeconds(1)))
                        .as("""
                                offer(task, %d ns) with no room was still waiting after 1 s.
                                Why: no time left means do not wait. Careful with conversions: toMillis() of a \
                                timeout under a millisecond is 0, and wait(0) waits for ever.""", timeout.toNanos())
                        .isTrue();
                assertThat(offer.result()).as("offer(task, %d ns) with no room: false, the task is not taken", timeout.toNanos())
                        .isFalse();
            }
            long start = System.nanoTime();
            var timed = BlockingCall.call("offerer", () -> executor.offer(ran::incrementAndGet, Duration.ofMillis(100)));
            boolean result = timed.awaitResult(DEADLINE, "offer(task, 100 ms) must give up after about 100 ms");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result).as("offer(task, 100 ms) while the executor stayed full").isFalse();
            assertThat(elapsedMillis)
                    .as("""
                            Milliseconds offer(task, 100 ms) took while the executor stayed full.
                            Why: offer waits for room up to its timeout, and no longer.""")
                    .isBetween(95L, 1_300L);
            var waiting = BlockingCall.call("offerer", () -> executor.offer(ran::incrementAndGet, Duration.ofSeconds(10)));
            tasks.assertWaitsForRoom(waiting, "offer(task, 10 s) while 1 task runs and 1 waits");
            tasks.release(0);
            assertThat(waiting.awaitResult(DEADLINE, """
                    offer(task, 10 s) must take the task as soon as a place is free: a task ended 2 s ago. \
                    Whoever gives a place back must wake a caller waiting for one."""))
                    .as("offer(task, 10 s) once a running task ended").isTrue();
            var interrupted = BlockingCall.call("offerer", () -> executor.offer(ran::incrementAndGet, Duration.ofSeconds(10)));
            tasks.assertWaitsForRoom(interrupted, "offer(task, 10 s) while 1 task runs and 1 waits");
            interrupted.interrupt();
            interrupted.assertThrowsInterruptedException(DEADLINE, QUIET, "offer(task, 10 s) waiting for room");
            tasks.releaseAll();
            tasks.awaitAllFinished();
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ran.get() == 1)).as("""
                    Of the 6 tasks offered with no room, only the one offer(...) said true for must run; \
                    %d ran.""", ran.get()).isTrue();
        }
    }

    @Test
    @DisplayName("six callers at once: exactly threads + queued get in, the rest wait")
    void callersAtOnce() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(2, 2);
            var start = new CountDownLatch(1);
            var calls = new ArrayList<BlockingCall<Void>>();
            for (int i = 0; i < 6; i++) {
                var task = tasks.takenTask();
                calls.add(BlockingCall.run("submitter-" + i, () -> {
                    start.await();
                    executor.submit(task);
                }));
            }
            start.countDown();
            var settled = ThreadWatch.pollUntil(DEADLINE, () -> calls.stream()
                    .allMatch(call -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), BoundedExecutor.class, STEADY)));
            long returned = calls.stream().filter(BlockingCall::isDone).count();
            tasks.assertNoProblem();
            assertThat(settled && returned == 4)
                    .as("""
                            6 callers called submit(...) at the same moment on an executor of 2 threads and 2 \
                            places in its queue; %d returned (4 should, the other 2 should wait for room).
                            Why: "is there room?" and "take the place" must be one step: two callers that both \
                            see the last free place and both take it overfill the executor.""", returned)
                    .isTrue();
            tasks.releaseAll();
            for (var call : calls) {
                call.awaitResult(DEADLINE, "every waiting caller must get in once the tasks before it are done");
            }
            tasks.awaitAllFinished();
            tasks.assertEveryTakenTaskRanOnce();
        }
    }

    @Test
    @DisplayName("two callers for the last free place: at most one gets in, wherever the first submit() or offer() is stopped")
    void twoCallersForTheLastFreePlaceNeverBothGetIn() throws Exception {
        for (var firstCall : List.of("submit(task)", "offer(task, 30 s)")) {
            try (var preemption = Preemption.instrument()) {
                preemption.atEveryPoint(200, point -> {
                    try (var tasks = new Tasks()) {
                        var executor = tasks.executor(1, 1);
                        tasks.fill(executor, 1, 0);
                        var firstTask = tasks.held();
                        var firstGotIn = new AtomicBoolean();
                        var first = preemption.start("first caller", point, () -> {
                            if (firstCall.startsWith("submit")) {
                                executor.submit(firstTask);
                                firstGotIn.set(true);
                            } else {
                                firstGotIn.set(executor.offer(firstTask, Duration.ofSeconds(30)));
                            }
                        });
                        boolean stopped = first.awaitStopped(DEADLINE);
                        var second = BlockingCall.call("second caller", () -> executor.offer(tasks.held(), Duration.ZERO));
                        second.awaitSettled(DEADLINE);
                        first.resume();
                        boolean secondGotIn = second.awaitResult(DEADLINE, QUIET, """
                                offer(task, 0) has nothing to wait for once the first caller has gone on.""");
                        first.call().awaitSettled(DEADLINE);
                        if (first.call().isDone()) {
                            first.call().result();
                        }
                        boolean bothIn = first.call().isDone() && firstGotIn.get() && secondGotIn;
                        tasks.assertNoProblem();
                        assertThat(bothIn).as("""
                                A first %s was held at its preemption point %d (a lock, semaphore, condition or \
                                queue call, or a synchronized block, entered or left) while a second caller's \
                                offer(task, 0) ran whole, on an executor of 1 thread and 1 place in its queue with one \
                                task running: one place was free, and both calls took a task. The executor now holds \
                                3 tasks where there is room for 2.
                                Why: "is there a free place?" and "take it" must be one step that no other caller \
                                can come between: a caller that finds room, lets the executor go, and only then \
                                counts its place taken leaves that place looking free to the next caller.""",
                                firstCall, point)
                                .isFalse();
                        tasks.releaseAll();
                        first.call().awaitResult(DEADLINE, QUIET, """
                                %s must get in once the tasks before it have run.""".formatted(firstCall));
                        assertThat(firstGotIn.get()).as("what %s returned once the tasks before it had run", firstCall)
                                .isTrue();
                        tasks.awaitAllFinished();
                        return stopped;
                    }
                });
            }
        }
    }

    @Test
    @DisplayName("a worker stopped anywhere on its way to a waiting task, while a second worker starts, leaves the executor its threads")
    void aWorkerOvertakenToItsTaskStaysAWorker() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var firstMayStart = new CountDownLatch(1);
                var secondMayStart = new CountDownLatch(1);
                var firstWorker = new CompletableFuture<Preemption.StoppedCall>();
                var made = new ArrayList<Thread>();
                ThreadFactory factory = work -> {
                    synchronized (made) {
                        int index = made.size() + 1;
                        var thread = new Thread(() -> {
                            if (index == 1) {
                                awaitOpen(firstMayStart);
                                // The first worker's loop runs on a thread that stops at its chosen point;
                                // the factory's thread stands for it, and passes an interrupt on to it.
                                var call = preemption.start("first worker", point, work::run);
                                firstWorker.complete(call);
                                joinPassingInterruptsOn(call.call().thread());
                            } else {
                                if (index == 2) {
                                    awaitOpen(secondMayStart);
                                }
                                work.run();
                            }
                        }, "pool-thread-" + index);
                        thread.setDaemon(true);
                        made.add(thread);
                        return thread;
                    }
                };
                var releaseWaiting = new CountDownLatch(1);
                var releaseLater = new CountDownLatch(1);
                var running = new AtomicInteger();
                var ended = new AtomicInteger();
                var executor = new BoundedExecutor(2, 0, factory);
                try {
                    BlockingCall.run("submitter", () -> executor.submit(heldTask(releaseWaiting, running, ended)))
                            .awaitResult(DEADLINE, QUIET, "submit(...) to an idle executor of 2 threads must take the task at once.");
                    firstMayStart.countDown();
                    var first = firstWorker.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    var firstThread = first.call().thread();
                    ThreadWatch.pollUntil(DEADLINE, () -> first.call().isDone()
                            || ThreadWatch.isWaitingIn(firstThread, PreemptionPoints.class)
                            || ThreadWatch.staysParked(firstThread, STEADY));
                    boolean stopped = ThreadWatch.isWaitingIn(firstThread, PreemptionPoints.class) && first.awaitStopped(DEADLINE);
                    if (!stopped) {
                        // Past its last point on this way (it runs the task, or waits for one): let it go
                        // through that point should it come to it later.
                        first.resume();
                    }
                    secondMayStart.countDown();
                    Thread second;
                    synchronized (made) {
                        second = made.size() >= 2 ? made.get(1) : null;
                    }
                    if (second != null) {
                        ThreadWatch.pollUntil(DEADLINE, () -> second.getState() != Thread.State.RUNNABLE);
                    }
                    if (stopped) {
                        first.resume();
                    }
                    releaseWaiting.countDown();
                    assertThat(ThreadWatch.pollUntil(DEADLINE, () -> ended.get() == 1))
                            .as("the task taken first had run 2 s after it was let go").isTrue();
                    var later = BlockingCall.run("submitter", () -> {
                        executor.submit(heldTask(releaseLater, running, ended));
                        executor.submit(heldTask(releaseLater, running, ended));
                    });
                    later.awaitResult(DEADLINE, "two submit(...) calls to an executor of 2 threads, idle again, must take their tasks.");
                    ThreadWatch.pollUntil(DEADLINE, () -> running.get() == 2);
                    assertThat(running.get()).as("""
                            The first worker of an executor of 2 threads was held at its preemption point %d (a \
                            lock, semaphore, condition or queue call, or a synchronized block, entered or left) \
                            while the second worker started, with one task waiting for a thread. Once that task \
                            had run, 2 more were given to the executor, and %d of them ran at once, 2 s later.
                            Why: a worker that finds a task waiting must take it in the same step. One that sees \
                            a task, lets the executor go, and comes back for it can find that another worker took \
                            it first; if it then takes "no task" for "closed", it ends while the executor is open, \
                            and the executor runs on a thread short.""", point, running.get())
                            .isEqualTo(2);
                    return stopped;
                } finally {
                    firstMayStart.countDown();
                    secondMayStart.countDown();
                    releaseWaiting.countDown();
                    releaseLater.countDown();
                    var firstCall = firstWorker.getNow(null);
                    if (firstCall != null) {
                        firstCall.resume();
                    }
                    BlockingCall.run("closer", executor::close).awaitResult(DEADLINE, """
                            close() must return once the tasks it took have run; every task had been let go.""");
                }
            });
        }
    }

    /** A task that stays running until {@code release} opens, counting how many run at once. */
    private static Runnable heldTask(CountDownLatch release, AtomicInteger running, AtomicInteger ended) {
        return () -> {
            running.incrementAndGet();
            try {
                awaitOpen(release);
            } finally {
                running.decrementAndGet();
                ended.incrementAndGet();
            }
        };
    }

    /** Waits, at most 10 s, for {@code latch}; an interrupt is kept for later, not taken as a reason to stop. */
    private static void awaitOpen(CountDownLatch latch) {
        boolean interrupted = false;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (latch.getCount() > 0 && System.nanoTime() - end < 0) {
            try {
                latch.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for {@code thread} to end, handing it every interrupt this thread gets meanwhile (a pool stopping its worker). */
    private static void joinPassingInterruptsOn(Thread thread) {
        while (true) {
            try {
                if (thread.join(Duration.ofSeconds(10)) || !thread.isAlive()) {
                    return;
                }
                throw new AssertionError("the first worker's thread did not end within 10 s after it started");
            } catch (InterruptedException e) {
                thread.interrupt();
            }
        }
    }

    @Test
    @DisplayName("offer(...) and a task giving its place back, meeting the executor's lock taken, wait for it")
    void callsThatMeetATakenLockWaitForIt() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 1);
            tasks.fill(executor, 1, 0);
            var worker = tasks.threads.iterator().next();
            BlockingCall<Boolean> offer;
            try (var held = HeldLocks.of(executor, DEADLINE)) {
                offer = BlockingCall.call("offerer", () -> executor.offer(tasks.takenTask(), Duration.ofSeconds(30)));
                ThreadWatch.pollUntil(DEADLINE, () -> offer.isDone() || ThreadWatch.staysParked(offer.thread(), STEADY));
                if (offer.isDone()) {
                    assertDidNotFail(offer);
                }
                int endedBefore = tasks.finished.get();
                tasks.release(0);
                ThreadWatch.pollUntil(DEADLINE, () -> !tasks.handled.isEmpty()
                        || tasks.finished.get() > endedBefore && ThreadWatch.staysParked(worker, STEADY));
            }
            assertThat(tasks.handled).as("""
                    What the pool thread's uncaught-exception handler got from a task that ended, with nothing \
                    thrown, while another thread held the executor's lock.
                    Why: a lock that is taken must be waited for. tryLock() returns false at once when another \
                    thread holds the lock, and code that ignores that result goes on without it: it changes the \
                    count unguarded, and signal() and unlock() throw IllegalMonitorStateException. Use lock().""")
                    .isEmpty();
            assertThat(offer.awaitResult(DEADLINE, "the executor's lock was let go, but offer(task, 30 s) with room did not go on."))
                    .as("offer(task, 30 s) with room, once the lock was let go").isTrue();
            tasks.releaseAll();
            tasks.awaitAllFinished();
            tasks.assertCapacity(executor, 1, 1, "Before this, an offer and a task's end met the executor's lock taken.\n");
        }
    }

    private static void assertDidNotFail(BlockingCall<?> call) {
        try {
            call.result();
        } catch (AssertionError threw) {
            throw new AssertionError("""
                    "%s", called while another thread held the executor's lock: %s
                    Why: a lock that is taken must be waited for. tryLock() returns false at once when \
                    another thread holds the lock, and a caller that ignores that result goes on without \
                    it: it changes the count unguarded, and await(), signal() and unlock() then throw \
                    IllegalMonitorStateException. Use lock() or lockInterruptibly().""".formatted(
                    call.thread().getName(), threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    @Test
    @DisplayName("interrupted while it waits, close() still returns only once no task runs, and keeps the interrupt flag set")
    void closeInterrupted() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 0);
            tasks.fill(executor, 1, 0);
            var closing = BlockingCall.call("closer", () -> {
                executor.close();
                return Thread.currentThread().isInterrupted();
            });
            closing.assertBlocks(DEADLINE, "close() while a taken task runs");
            long waitsBefore = ThreadWatch.timesWaited(closing.thread());
            closing.interrupt();
            ThreadWatch.pollUntil(DEADLINE, () -> closing.isDone()
                    || ThreadWatch.timesWaited(closing.thread()) > waitsBefore && ThreadWatch.staysParked(closing.thread(), STEADY));
            tasks.releaseAll();
            assertThat(closing.awaitResult(DEADLINE, "close() must return once the taken task has ended; it was let go."))
                    .as("""
                            Whether the interrupt flag of close()'s caller was still set when close() returned; it \
                            was interrupted while it waited.
                            Why: close() does not throw InterruptedException, so it must not swallow one either: \
                            catching it clears the flag, and the caller's own caller never learns that it was \
                            asked to stop. Set it again (Thread.currentThread().interrupt()) before returning.""")
                    .isTrue();
            assertThat(tasks.running.get()).as("tasks still running when the interrupted close() returned").isZero();
        }
    }

    @Test
    @DisplayName("a caller woken for a place that another caller got first waits again")
    void aCallerWokenForAPlaceThatAnotherGotFirstWaitsAgain() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 0);
            tasks.fill(executor, 1, 0);
            var woken = BlockingCall.run("first-submitter", () -> executor.submit(tasks.takenTask()));
            tasks.assertWaitsForRoom(woken, "submit(...) while the only thread is busy");
            BlockingCall<Void> barging;
            try (var held = HeldLocks.of(executor, DEADLINE)) {
                int endedBefore = tasks.finished.get();
                tasks.release(0);
                var worker = tasks.threads.iterator().next();
                ThreadWatch.pollUntil(DEADLINE, () -> tasks.finished.get() > endedBefore && ThreadWatch.staysParked(worker, STEADY));
                barging = BlockingCall.run("second-submitter", () -> executor.submit(tasks.takenTask()));
                ThreadWatch.pollUntil(DEADLINE, () -> barging.isDone() || ThreadWatch.staysParked(barging.thread(), STEADY));
            }
            var callers = List.of(woken, barging);
            ThreadWatch.pollUntil(DEADLINE, () -> callers.stream()
                    .allMatch(call -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), BoundedExecutor.class, STEADY)));
            tasks.assertNoProblem();
            long returned = callers.stream().filter(BlockingCall::isDone).count();
            assertThat(returned)
                    .as("""
                            Callers of submit(...) that got in, of two, when one place came free on an executor \
                            of 1 thread: one had waited for room, the other came just as the place was given back.
                            Why: a caller woken because a place came free is not promised that place: another \
                            caller can take the lock first and get it. Check for room again after every wake-up \
                            (while, not if, around wait() or await()).""")
                    .isEqualTo(1);
            tasks.releaseAll();
            for (var call : callers) {
                call.awaitResult(DEADLINE, "the waiting caller must get in once the task before it is done");
            }
            tasks.awaitAllFinished();
            tasks.assertEveryTakenTaskRanOnce();
        }
    }


    @Test
    @DisplayName("close() waits for every task already taken, and refuses new ones")
    void closeRunsWhatWasTaken() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var executor = tasks.executor(1, 2);
            tasks.fill(executor, 1, 2);
            var waiting = BlockingCall.run("submitter", () -> executor.submit(tasks.held()));
            tasks.assertWaitsForRoom(waiting, "submit(...) while 1 task runs and 2 wait");
            var closing = BlockingCall.run("closer", executor::close);
            closing.assertBlocks(DEADLINE, "close() while 3 taken tasks have not run yet");
            var lateRan = new AtomicInteger();
            var late = BlockingCall.run("late-submitter", () -> executor.submit(lateRan::incrementAndGet));
            late.awaitWaitingOrDone(DEADLINE);
            tasks.releaseAll();
            closing.awaitResult(DEADLINE, "close() must return once the taken tasks have run");
            tasks.closedByTheTest(executor);
            assertThat(waiting.awaitDone(DEADLINE) && late.awaitDone(DEADLINE))
                    .as("callers of submit(...) that waited for room when close() was called must not wait for ever")
                    .isTrue();
            assertThat(thrownBy(late))
                    .as("""
                            What a submit(...) called after close() threw, once the tasks before it had run.
                            Why: a closed executor takes no new work, and says so with RejectedExecutionException.""")
                    .isInstanceOf(RejectedExecutionException.class);
            var afterClose = BlockingCall.run("late-submitter", () -> executor.submit(lateRan::incrementAndGet));
            assertThat(afterClose.awaitDone(DEADLINE)).as("submit(...) to a closed, idle executor must not wait").isTrue();
            assertThat(thrownBy(afterClose)).as("what submit(...) to a closed executor threw")
                    .isInstanceOf(RejectedExecutionException.class);
            assertThat(lateRan.get()).as("tasks submitted after close() that ran").isZero();
            tasks.assertEveryTakenTaskRanOnce();
            assertThat(tasks.threads).as("the pool's threads, once close() has returned")
                    .allSatisfy(thread -> assertThat(thread.join(DEADLINE)).as("thread %s ended", thread.getName()).isTrue());
        }
    }

    @Test
    @DisplayName("two executors side by side have places of their own")
    void twoExecutors() throws InterruptedException {
        try (var tasks = new Tasks()) {
            var first = tasks.executor(1, 1);
            var second = tasks.executor(1, 1);
            tasks.fill(first, 1, 1);
            var started = new CountDownLatch(1);
            tasks.submitsAtOnce(second, started::countDown, """
                    submit(...) to a second executor while the first one is full. Are its places counted \
                    in a static field, shared by every executor?""");
            assertThat(started.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                    .as("""
                            Whether the task given to a second, idle executor started within 2 s, while the first \
                            executor's only thread was busy and one more of its tasks waited.
                            Why: each executor runs its own tasks on its own threads. A queue of waiting tasks in a \
                            static field is shared by every executor: the second one's thread took the first \
                            one's waiting task instead.""")
                    .isTrue();
            tasks.releaseAll();
            tasks.awaitAllFinished();
            tasks.assertEveryTakenTaskRanOnce();
        }
    }

    private static Throwable thrownBy(BlockingCall<?> call) {
        try {
            call.result();
            return null;
        } catch (AssertionError e) {
            return e.getCause();
        }
    }

    /** An Error of the test's own, thrown by a task. */
    private static final class TaskError extends Error {
        TaskError(int index) {
            super("task " + index + " broke down");
        }
    }

    /**
     * The threads the executor is given, and tasks that stay running until the test lets them go,
     * counting how many run at once and remembering anything they saw go wrong.
     */
    private static final class Tasks implements AutoCloseable {
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        private final ConcurrentLinkedQueue<Throwable> handled = new ConcurrentLinkedQueue<>();
        private final List<CountDownLatch> releases = new ArrayList<>();
        private final Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final Set<Integer> taken = ConcurrentHashMap.newKeySet();
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<String> problem = new AtomicReference<>();
        private final AtomicInteger made = new AtomicInteger();

        private final List<BoundedExecutor> executors = new ArrayList<>();

        /** A new executor on this factory, closed (after every task is let go) when the test ends. */
        BoundedExecutor executor(int threads, int queued) {
            var executor = new BoundedExecutor(threads, queued, factory());
            executors.add(executor);
            return executor;
        }

        /** The test has closed {@code executor} itself: {@link #close()} leaves it alone. */
        void closedByTheTest(BoundedExecutor executor) {
            executors.remove(executor);
        }

        /** Lets every task go, then closes the executors not closed yet, each against a deadline. */
        @Override
        public void close() throws InterruptedException {
            releaseAll();
            for (var executor : executors) {
                BlockingCall.run("closer", executor::close).awaitResult(DEADLINE, """
                        close() must return once the tasks it took have run; every task had been let go.""");
            }
        }

        ThreadFactory factory() {
            return task -> {
                var thread = new Thread(task, "pool-thread-" + made.incrementAndGet());
                thread.setDaemon(true);
                thread.setUncaughtExceptionHandler((t, failure) -> handled.add(failure));
                threads.add(thread);
                return thread;
            };
        }

        /** A task that stays running until released, on a thread of the factory. */
        synchronized Runnable held() {
            int index = releases.size();
            var release = new CountDownLatch(1);
            releases.add(release);
            runs.put(index, new AtomicInteger());
            return () -> {
                runs.get(index).incrementAndGet();
                var current = Thread.currentThread();
                if (!threads.contains(current)) {
                    problem.compareAndSet(null, """
                            Task %d ran on thread "%s", which the ThreadFactory given to the constructor did \
                            not make.
                            Why: the executor must run its tasks on its own threads, made by that factory. A \
                            rejection policy such as CallerRunsPolicy runs a task on the caller's thread: \
                            the caller is held up, yet more tasks run at once than the executor allows."""
                            .formatted(index, current.getName()));
                    return;
                }
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    problem.compareAndSet(null, """
                            Task %d was interrupted while it ran.
                            Why: the executor must let every task it took run to its end; only the task's \
                            owner may cancel it. (shutdownNow() interrupts running tasks and drops waiting \
                            ones: close() must use shutdown() and wait.)""".formatted(index));
                } finally {
                    running.decrementAndGet();
                    finished.incrementAndGet();
                }
            };
        }

        synchronized void release(int index) {
            releases.get(index).countDown();
        }

        synchronized void releaseAll() {
            releases.forEach(CountDownLatch::countDown);
        }

        void assertNoProblem() {
            var seen = problem.get();
            if (seen != null) {
                throw new AssertionError(seen);
            }
        }

        /** Submits {@code task}, which must be taken at once. */
        void submitsAtOnce(BoundedExecutor executor, Runnable task, String what) throws InterruptedException {
            var call = BlockingCall.run("submitter", () -> executor.submit(task));
            ThreadWatch.pollUntil(DEADLINE,
                    () -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), BoundedExecutor.class, STEADY));
            assertNoProblem();
            if (!call.isDone()) {
                call.interrupt();
                throw new AssertionError("""
                        %s should have returned at once, but it waited for room that was there.
                        %s
                        Why: a task takes up a place from the moment it is taken until it has run; the \
                        executor has room for `threads` running tasks plus `queued` waiting ones.""".formatted(what, call.describe()));
            }
            call.result();
        }

        /** Submits held tasks until {@code threads} run and {@code queued} wait; each must be taken at once. */
        void fill(BoundedExecutor executor, int threads, int queued) throws InterruptedException {
            int before = finished.get();
            int runningBefore = running.get();
            for (int i = 0; i < threads; i++) {
                takeOne(executor, "submit(...) of task %d to an executor of %d threads running %d tasks"
                        .formatted(i + 1, threads, i));
            }
            ThreadWatch.pollUntil(DEADLINE, () -> problem.get() != null || running.get() - runningBefore == threads);
            assertNoProblem();
            assertThat(running.get() - runningBefore)
                    .as("""
                            Tasks running at once, 2 s after %d were given to an executor of %d threads (%d had ended).
                            Why: the executor must run `threads` tasks at once, on as many threads: a pool \
                            smaller than that (one sized by the number of cores, say) makes the rest wait.""",
                            threads, threads, finished.get() - before)
                    .isEqualTo(threads);
            for (int i = 0; i < queued; i++) {
                takeOne(executor, "submit(...) of task %d to an executor of %d threads and %d places in its queue, %d of them taken"
                        .formatted(threads + i + 1, threads, queued, i));
            }
        }

        private void takeOne(BoundedExecutor executor, String what) throws InterruptedException {
            submitsAtOnce(executor, takenTask(), what);
        }

        /** A held task that the test expects the executor to take, and so to run exactly once. */
        synchronized Runnable takenTask() {
            var task = held();
            taken.add(releases.size() - 1);
            return task;
        }

        /** The call must stay parked in BoundedExecutor, waiting for room. */
        void assertWaitsForRoom(BlockingCall<?> call, String what) {
            boolean settled = ThreadWatch.pollUntil(DEADLINE,
                    () -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), BoundedExecutor.class, STEADY));
            assertNoProblem();
            if (call.isDone()) {
                var thrown = thrownBy(call);
                throw new AssertionError("""
                        %s should have waited for room, but it %s at once.
                        Why: a full executor pushes back on its callers: submit waits for a free place (and \
                        offer waits up to its timeout). A queue without a limit takes everything, and a \
                        rejection policy refuses instead of waiting.""".formatted(what,
                        thrown == null ? "returned" : "threw " + thrown), thrown);
            }
            if (!settled) {
                throw new AssertionError(what + " should have waited for room, but after 2 s it is still busy, not waiting:\n"
                        + call.describe());
            }
        }

        /**
         * Once the executor is at rest, fills it (threads running, queued waiting), checks that one
         * more caller waits and that it gets in once a running task ends, then lets everything run
         * to the end.
         */
        void assertCapacity(BoundedExecutor executor, int threads, int queued, String context) throws InterruptedException {
            try {
                awaitRest();
                fill(executor, threads, queued);
                var extraTask = takenTask();
                var extra = BlockingCall.run("submitter", () -> executor.submit(extraTask));
                assertWaitsForRoom(extra, "submit(...) while %d tasks run and %d wait".formatted(threads, queued));
                assertThat(mostAtOnce.get())
                        .as("""
                                The most tasks that ran at the same time on an executor of %d threads.
                                Why: only `threads` tasks may run at once; the rest wait in the queue.""", threads)
                        .isLessThanOrEqualTo(threads);
                int firstRunning = firstRunning();
                release(firstRunning);
                extra.awaitResult(DEADLINE, """
                        A running task ended, so a place is free, but the waiting submit(...) still waits.
                        Why: whoever gives a place back must wake a caller waiting for one.""");
                releaseAll();
                awaitAllFinished();
                assertNoProblem();
                assertThat(mostAtOnce.get()).as("the most tasks that ran at once on an executor of %d threads", threads)
                        .isLessThanOrEqualTo(threads);
            } catch (AssertionError e) {
                releaseAll();
                throw context.isEmpty() ? e : new AssertionError(context + e.getMessage(), e);
            }
        }

        private synchronized int firstRunning() {
            for (int i = 0; i < releases.size(); i++) {
                if (runs.get(i).get() > 0 && releases.get(i).getCount() > 0) {
                    return i;
                }
            }
            throw new AssertionError("no task was running");
        }

        void awaitAllFinished() {
            awaitRest();
            int expected;
            synchronized (this) {
                expected = (int) runs.values().stream().filter(count -> count.get() > 0).count();
            }
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> running.get() == 0 && finished.get() >= expected))
                    .as("every started task had ended 2 s after it was let go (%d still running)", running.get())
                    .isTrue();
        }

        /**
         * Waits until every task the executor took has run and every pool thread is between tasks,
         * so that each place has been given back: a correct executor may start a task it took a
         * moment after the test let it go, and give its place back a moment after it ended. Stops
         * early once the pool has rested 50 ms with a taken task not run (a wrong answer that lost
         * it; the checks that follow say so).
         */
        private void awaitRest() {
            var restingSince = new long[] {-1};
            ThreadWatch.pollUntil(DEADLINE, () -> {
                if (!threads.stream().allMatch(thread -> ThreadWatch.isBetweenTasks(thread, BoundedExecutorTest.class))) {
                    restingSince[0] = -1;
                    return false;
                }
                if (taken.stream().allMatch(index -> runs.get(index).get() > 0)) {
                    return true;
                }
                long now = System.nanoTime();
                if (restingSince[0] < 0) {
                    restingSince[0] = now;
                }
                return now - restingSince[0] > TimeUnit.MILLISECONDS.toNanos(50);
            });
        }

        /** Every task taken by a submit that returned ran exactly once. */
        void assertEveryTakenTaskRanOnce() {
            assertNoProblem();
            var notOnce = new ArrayList<String>();
            ThreadWatch.pollUntil(DEADLINE, () -> taken.stream().allMatch(i -> runs.get(i).get() == 1));
            for (int index : taken) {
                int count = runs.get(index).get();
                if (count != 1) {
                    notOnce.add("task " + index + " ran " + count + " time(s)");
                }
            }
            assertThat(notOnce)
                    .as("""
                            Tasks that submit(...) took, and that did not run exactly once.
                            Why: a task the executor took must run, once, even when close() comes first: \
                            close() waits for the taken tasks, it does not drop them.""")
                    .isEmpty();
        }
    }
}
