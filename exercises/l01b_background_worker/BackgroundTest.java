package l01b_background_worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.ThreadWatch;

class BackgroundTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How late past its limit a call that gave up may return, on a busy machine. */
    private static final Duration LATE = Duration.ofSeconds(1);
    /** A limit long enough that the worker finishes, or the test interrupts, well within it. */
    private static final Duration LONG_LIMIT = Duration.ofSeconds(5);
    /** A call that stays in one wait this long waits for something, not on its way out. */
    private static final Duration STEADY = Duration.ofMillis(100);
    /**
     * A waiter still in one wait this long after its worker ended waits for the time, not for the
     * worker: longer than STEADY, since a woken thread on a busy machine may take a while to run.
     */
    private static final Duration STUCK = Duration.ofMillis(300);
    /** How soon an interrupted call must have thrown. */
    private static final Duration PROMPTLY = Duration.ofMillis(500);

    @Test
    @DisplayName("start runs the work on a new thread, with the name it was given")
    void startRunsTheWorkOnANamedThread() throws InterruptedException {
        var caller = Thread.currentThread();
        var ranOn = new AtomicReference<Thread>();
        var ran = new CountDownLatch(1);
        var worker = Background.start("report-builder", () -> {
            ranOn.set(Thread.currentThread());
            ran.countDown();
        });
        if (ranOn.get() == caller) {
            throw new AssertionError("""
                    The work ran on the thread that called start ("%s"), before start returned: \
                    worker.run() is an ordinary method call and runs the work right there. \
                    worker.start() is what makes the new thread run it.""".formatted(caller.getName()));
        }
        assertStarted(worker);
        if (!ran.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("""
                    The work had not run %s after start returned, although the thread was started \
                    (it is %s). Does the thread run the work it was given?"""
                    .formatted(Durations.readable(DEADLINE), worker.getState()));
        }
        if (ranOn.get() != worker) {
            throw new AssertionError("The work ran on thread \"%s\", not on the thread start returned (\"%s\")."
                    .formatted(ranOn.get().getName(), worker.getName()));
        }
        assertThat(worker.getName())
                .as("the name of the worker thread; give it when you create the thread: new Thread(work, name)")
                .isEqualTo("report-builder");
        assertThat(worker.join(DEADLINE)).as("the worker ending once its work is done").isTrue();
    }

    @Test
    @DisplayName("start returns at once, while the work is still running")
    void startReturnsWhileTheWorkRuns() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var finished = new CountDownLatch(1);
        var caller = Thread.currentThread();
        var worker = Background.start("slow-work", () -> {
            try {
                awaitUnlessCallerWaitsInStart(letGo, caller);
            } finally {
                finished.countDown();
            }
        });
        boolean finishedBeforeStartReturned = finished.getCount() == 0;
        letGo.countDown();
        assertStarted(worker);
        if (finishedBeforeStartReturned) {
            throw new AssertionError("""
                    start returned only after the work had finished. The work waited (up to 1 s) for \
                    this test to let it go, which the test can only do once start has returned; so \
                    start waited for the work, with join() or by running it itself.
                    Why it matters: the caller of start wants to go on with its own work while the \
                    work runs in the background. Create the thread, name it, start it, and return it \
                    at once; waiting is for awaitAtMost.""");
        }
        assertThat(worker.join(DEADLINE)).as("the worker ending once it was let go").isTrue();
    }

    @Test
    @DisplayName("awaitAtMost waits for a worker that finishes within the limit, then returns true")
    void awaitAtMostWaitsForAWorkerThatFinishesInTime() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var worker = workerWaitingFor(letGo, new AtomicBoolean());
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(worker, LONG_LIMIT));
        try {
            if (!call.awaitWaitingOrDone(DEADLINE)) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) was neither waiting nor done %s after it was called:
                        %s
                        A loop that keeps asking isAlive() keeps a core busy doing nothing; \
                        join() with a time limit waits without using the CPU."""
                        .formatted(Durations.readable(LONG_LIMIT), Durations.readable(DEADLINE), call.describe()));
            }
            if (call.isDone()) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) returned %s at once, while the worker was still running \
                        and had %s left to finish. It must wait for the worker, up to the limit, before \
                        it answers: isAlive() alone does not wait."""
                        .formatted(Durations.readable(LONG_LIMIT), call.result(), Durations.readable(LONG_LIMIT)));
            }
            letGo.countDown();
            boolean ended = worker.join(DEADLINE);
            ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), Background.class, STUCK));
            if (!ended || !call.isDone()) {
                throw new AssertionError("""
                        The worker had finished, and awaitAtMost(worker, %s) was still waiting, %s:
                        %s
                        Why: it must answer as soon as the worker has finished, not only when the \
                        limit is up. A sleep waits for the time, not for the worker; join(limit) \
                        returns as soon as the thread ends.""".formatted(Durations.readable(LONG_LIMIT),
                        call.isDone() ? "" : ThreadWatch.isWaitingIn(call.thread(), Background.class)
                                ? "in one and the same wait" : Durations.readable(DEADLINE) + " later",
                        call.describe()));
            }
            assertThat(call.result())
                    .as("what awaitAtMost(worker, %s) returned for a worker that finished well within the limit",
                            Durations.readable(LONG_LIMIT))
                    .isTrue();
        } finally {
            letGo.countDown();
            worker.join(DEADLINE);
        }
    }

    @Test
    @DisplayName("awaitAtMost gives up at the limit, not before and not much after, returns false, and leaves the worker running")
    void awaitAtMostGivesUpAtTheLimit() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var worker = workerWaitingFor(letGo, interrupted);
        var limit = Duration.ofMillis(200);
        var took = new AtomicLong();
        var call = BlockingCall.call("waiter", () -> {
            long start = System.nanoTime();
            try {
                return Background.awaitAtMost(worker, limit);
            } finally {
                took.set(System.nanoTime() - start);
            }
        });
        try {
            if (!awaitDoneUnlessWaitingWithNoLimit(call, limit.plus(LATE))) {
                throw notGivenUp(call, limit);
            }
            boolean finished = call.result();
            var elapsed = Duration.ofNanos(took.get());
            if (elapsed.compareTo(limit) < 0) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) returned %s after only %s, while the worker was still \
                        busy. It must wait the whole limit for a worker that may yet finish."""
                        .formatted(Durations.readable(limit), finished, Durations.readable(elapsed)));
            }
            if (finished) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) returned true, but the worker has not finished: it is \
                        still %s.
                        Why: join(millis) returns when the thread ends or when the time is up, and does \
                        not say which. Ask worker.isAlive() after it, or use join(Duration), which \
                        returns whether the thread ended.""".formatted(Durations.readable(limit), worker.getState()));
            }
            if (interrupted.get() || !worker.isAlive()) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) stopped the worker (%s). It must only wait: when the time \
                        runs out, the worker goes on, and the caller decides what to do about it."""
                        .formatted(Durations.readable(limit), interrupted.get() ? "it interrupted it" : "it is " + worker.getState()));
            }
        } finally {
            letGo.countDown();
            worker.join(DEADLINE);
            settle(call);
        }
    }

    @Test
    @DisplayName("awaitAtMost with a limit of zero, under a millisecond, or already past, answers at once")
    void awaitAtMostWithATinyOrExpiredLimit() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var busy = workerWaitingFor(letGo, new AtomicBoolean());
        try {
            for (var limit : new Duration[] {Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(-1)}) {
                boolean finished = answerAtOnce(busy, limit);
                if (finished) {
                    throw new AssertionError("""
                            awaitAtMost(worker, %s) returned true, but the worker is still busy (%s). \
                            With no time left to wait, the answer is whether it has finished now."""
                            .formatted(Durations.readable(limit), busy.getState()));
                }
            }
        } finally {
            letGo.countDown();
            busy.join(DEADLINE);
        }
        assertThat(answerAtOnce(busy, Duration.ZERO))
                .as("what awaitAtMost(worker, 0 ms) returned for a worker that has already finished")
                .isTrue();
    }

    @Test
    @DisplayName("awaitAtMost never says that a thread that was never started has finished")
    void awaitAtMostOfAnUnstartedThread() {
        var unstarted = new Thread(() -> {}, "never-started");
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(unstarted, Duration.ofMillis(100)));
        if (!call.awaitDone(DEADLINE)) {
            throw new AssertionError("""
                    awaitAtMost(a thread never started, 100 ms) had not returned %s later:
                    %s""".formatted(Durations.readable(DEADLINE), call.describe()));
        }
        try {
            if (call.result()) {
                throw new AssertionError("""
                        awaitAtMost(a thread that was never started, 100 ms) returned true, as if its work \
                        had been done; it never ran.
                        Why: isAlive() is false both before a thread starts and after it ends, and join() \
                        of a thread never started returns at once. Ask whether it has really ended \
                        (getState() == Thread.State.TERMINATED), or use join(Duration), which throws \
                        IllegalThreadStateException for a thread never started.""");
            }
        } catch (AssertionError thrown) {
            if (!(thrown.getCause() instanceof IllegalThreadStateException)) {
                throw thrown;
            }
        }
    }

    @Test
    @DisplayName("awaitAtMost, interrupted while it waits, throws InterruptedException and leaves the worker running")
    void interruptedWhileWaiting() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var worker = workerWaitingFor(letGo, interrupted);
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(worker, LONG_LIMIT));
        try {
            // Judged only when awaitAtMost itself waits; one that answers at once is judged above.
            ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.isWaitingIn(call.thread(), Background.class));
            if (call.isDone()) {
                return;
            }
            call.interrupt();
            call.assertThrowsInterruptedException(PROMPTLY,
                    "awaitAtMost(worker, %s), waiting for a busy worker,".formatted(Durations.readable(LONG_LIMIT)));
            assertWorkerLeftRunning(worker, interrupted);
        } finally {
            letGo.countDown();
            worker.join(DEADLINE);
            settle(call);
        }
    }

    @Test
    @DisplayName("awaitAtMost, called with the interrupt flag already set, throws InterruptedException")
    void interruptedBeforeTheCall() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var worker = workerWaitingFor(letGo, interrupted);
        var call = BlockingCall.callInterrupted("waiter", () -> Background.awaitAtMost(worker, LONG_LIMIT));
        try {
            call.assertThrowsInterruptedException(PROMPTLY,
                    "awaitAtMost(worker, %s), called for a busy worker with the caller's interrupt flag set,"
                            .formatted(Durations.readable(LONG_LIMIT)));
            assertWorkerLeftRunning(worker, interrupted);
        } finally {
            letGo.countDown();
            worker.join(DEADLINE);
            settle(call);
        }
    }

    @Test
    @DisplayName("while one caller waits for a slow worker, others can start work and wait for theirs")
    void callersAtOnce() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var slow = workerWaitingFor(letGo, new AtomicBoolean());
        var other = workerWaitingFor(letGo, new AtomicBoolean());
        var patient = BlockingCall.call("patient waiter", () -> Background.awaitAtMost(slow, LONG_LIMIT));
        try {
            ThreadWatch.pollUntil(DEADLINE, () -> patient.isDone() || ThreadWatch.isWaitingIn(patient.thread(), Background.class));
            var limit = Duration.ofMillis(100);
            var second = BlockingCall.call("second caller", () -> {
                Background.start("quick-work", () -> {}).join();
                return Background.awaitAtMost(other, limit);
            });
            if (!awaitDoneUnlessWaitingWithNoLimit(second, limit.plus(LATE))) {
                if (second.thread().getState() != Thread.State.BLOCKED) {
                    throw notGivenUp(second, limit);
                }
                throw new AssertionError("""
                        While one thread waited in awaitAtMost(slow worker, %s), another called \
                        start(...) and then awaitAtMost(another worker, %s), and %s later it was still \
                        inside:
                        %s
                        Why: each caller waits for its own worker. A synchronized method lets only one \
                        caller in at a time, so one long wait holds up every other start and \
                        awaitAtMost. Nothing here needs a lock: join does the waiting.""".formatted(
                        Durations.readable(LONG_LIMIT), Durations.readable(limit),
                        Durations.readable(limit.plus(LATE)), second.describe()));
            }
            assertThat(second.result()).as("awaitAtMost(a busy worker, %s)", Durations.readable(limit)).isFalse();
        } finally {
            letGo.countDown();
            slow.join(DEADLINE);
            other.join(DEADLINE);
            settle(patient);
        }
    }

    /**
     * Calls awaitAtMost with a limit that leaves no time to wait, and returns its answer; fails
     * when it does not answer promptly, or throws.
     */
    private static boolean answerAtOnce(Thread worker, Duration limit) {
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(worker, limit));
        // A wait with no limit at all (join(0) is one) will never end by itself: no need to wait it out.
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || call.thread().getState() == Thread.State.WAITING
                && ThreadWatch.isWaitingIn(call.thread(), Background.class));
        if (!call.isDone()) {
            throw new AssertionError("""
                    awaitAtMost(worker, %s) did not answer at once, while the worker was still busy: it \
                    waits %s:
                    %s
                    Why: join(0) does not mean "do not wait": it means "no limit", and waits as long as \
                    the thread runs. limit.toMillis() is 0 for any limit under a millisecond. Use \
                    join(Duration), which takes the limit as it is, or join(millis, nanos).""".formatted(
                    Durations.readable(limit),
                    call.thread().getState() == Thread.State.WAITING ? "with no limit" : "on and on",
                    call.describe()));
        }
        try {
            return call.result();
        } catch (AssertionError thrown) {
            throw new AssertionError("""
                    awaitAtMost(worker, %s) must answer at once, true when the worker has finished and \
                    false when it has not; a limit that is over leaves no time to wait. Instead %s%s"""
                    .formatted(Durations.readable(limit), thrown.getMessage(),
                            thrown.getCause() instanceof IllegalArgumentException
                                    ? "\n(join(millis) throws for a negative number of milliseconds.)" : ""),
                    thrown.getCause());
        }
    }

    private static AssertionError notGivenUp(BlockingCall<?> call, Duration limit) {
        return new AssertionError("""
                awaitAtMost(worker, %s) did not give up at the limit, while the worker was still busy: \
                %s.
                %s
                Why: it must give up when the limit is up. join() with no limit waits as long as the \
                worker runs, which may be for ever, and so does join(0). Give join the limit: \
                worker.join(limit).""".formatted(Durations.readable(limit),
                call.thread().getState() == Thread.State.WAITING ? "it waits with no time limit at all"
                        : "%s later it was still inside".formatted(Durations.readable(limit.plus(LATE))),
                call.describe()));
    }

    /**
     * Waits, at most {@code deadline}, for the call to return; false when it has not, decided at
     * once when it stays in a wait with no time limit inside Background (join() or join(0)): a
     * call that was given a limit and waits with none will not return in time.
     */
    private static boolean awaitDoneUnlessWaitingWithNoLimit(BlockingCall<?> call, Duration deadline) {
        ThreadWatch.pollUntil(deadline, () -> call.isDone() || call.thread().getState() == Thread.State.WAITING
                && ThreadWatch.staysWaitingIn(call.thread(), Background.class, STEADY)
                && call.thread().getState() == Thread.State.WAITING);
        return call.isDone();
    }

    /**
     * After a test, gives the call time to end, but not to sit out a long sleep or wait: it is
     * a daemon thread, and ends by itself.
     */
    private static void settle(BlockingCall<?> call) {
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), Background.class, STEADY));
    }

    private static void assertWorkerLeftRunning(Thread worker, AtomicBoolean interrupted) {
        if (interrupted.get() || !worker.isAlive()) {
            throw new AssertionError("""
                    The interrupt was meant for the thread that waits, not for the worker; yet the worker \
                    %s. awaitAtMost must only stop waiting, and leave the worker running."""
                    .formatted(interrupted.get() ? "was interrupted" : "has ended"));
        }
    }

    private static void assertStarted(Thread worker) {
        assertThat(worker).as("the thread start returned").isNotNull();
        if (worker.getState() == Thread.State.NEW) {
            throw new AssertionError("""
                    The thread start returned is in state NEW: it was created but never started, so \
                    the work never runs. (The first Python tutorial this workbook grew from makes \
                    the same slip: it creates a thread and never calls start() on it.) Call \
                    start() on the thread before returning it.""");
        }
    }

    /**
     * Waits up to 1 s for {@code letGo}, and gives up sooner once {@code caller} stays waiting
     * inside start: then start waits for the work, and nothing will open {@code letGo}.
     */
    private static void awaitUnlessCallerWaitsInStart(CountDownLatch letGo, Thread caller) {
        long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        try {
            while (!letGo.await(5, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - end > 0 || ThreadWatch.staysWaitingIn(caller, Background.class, STEADY)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A started worker that waits (at most 10 s) until {@code letGo} opens, noting an interrupt. */
    private static Thread workerWaitingFor(CountDownLatch letGo, AtomicBoolean interrupted) {
        return Thread.ofPlatform().name("worker").daemon().start(() -> {
            try {
                letGo.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
    }
}
