package l15b_supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import l15b_supervisor.Supervisor.Outcome;
import workbook.testkit.BlockingCall;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.ThreadWatch;

@ExtendWith(NoThreadLeaks.class)
class SupervisorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    /** How long a supervisor stays in one wait before the test takes it for waiting on its worker. */
    private static final Duration STEADY = Duration.ofMillis(100);
    /** The longest a worker is held waiting for its supervisor to wait for it. */
    private static final Duration HOLD = Duration.ofMillis(300);
    /** How many waits a supervisor begins in its own code, one after another, before the test takes it for polling its worker. */
    private static final int LOOKS = 2;
    private static final String WHY_WAIT_FOR_THE_WORKER = """
            Why: the caller must be able to trust that nothing is left running once supervise() has \
            ended, and only a run that has ended can be told a crash or a normal end: wait for the \
            worker's thread to end (join(), or get() on its Future), never for a guessed while \
            (a sleep); interrupted, interrupt the worker and wait for it to end, then throw.""";
    private static final String WHY_CATCH_THROWABLE = """
            Why: a crash is anything the worker throws, an exception or an Error, and the supervisor \
            must hear of it. Catch Throwable around worker.run() on the worker's thread, or give the \
            worker's thread an uncaught-exception handler (Thread.ofPlatform().uncaughtExceptionHandler(...)); \
            a handler set through Thread.currentThread() is the supervisor's own, and a crash that \
            reaches the default handler is only printed.""";

    /** Failures that reached the JVM's default uncaught-exception handler during the test. */
    private final ConcurrentLinkedQueue<Throwable> uncaught = new ConcurrentLinkedQueue<>();
    private Thread.UncaughtExceptionHandler defaultHandlerBefore;

    @BeforeEach
    void collectUncaughtExceptions() {
        defaultHandlerBefore = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(failure));
    }

    @AfterEach
    void restoreTheDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler(defaultHandlerBefore);
    }

    @Test
    @DisplayName("a worker that returns normally runs once, on a thread of its own, and supervising ends")
    void finishesWhenTheWorkerDoes() throws InterruptedException {
        var script = new Script(Step.finishAfterTheWholeHold());
        var outcome = superviseToTheEnd(script, 3, MINUTE, "a worker that returned normally");
        assertThat(outcome).as("the outcome of supervising a worker that returns normally").isEqualTo(new Outcome.Finished(List.of()));
        assertThat(script.runs()).as("how many times the worker ran").isEqualTo(1);
    }

    @Test
    @DisplayName("a worker that throws an exception is started again, and the crash is in the outcome")
    void restartsAfterAnException() throws InterruptedException {
        var crash = new IllegalStateException("lost the connection");
        var script = new Script(Step.crash(Duration.ZERO, crash), Step.finish());
        var outcome = superviseToTheEnd(script, 3, MINUTE, "a worker that crashed once, then returned normally");
        assertOutcome(outcome, new Outcome.Finished(List.of(crash)), script,
                "a worker that throws an IllegalStateException, then, started again, returns normally (at most 3 crashes a minute)",
                WHY_CATCH_THROWABLE);
    }

    @Test
    @DisplayName("a worker that throws an Error is started again too")
    void restartsAfterAnError() throws InterruptedException {
        var crash = new WorkerError("out of memory, pretend");
        var script = new Script(Step.crash(Duration.ZERO, crash), Step.finish());
        var outcome = superviseToTheEnd(script, 3, MINUTE, "a worker that crashed once, then returned normally");
        assertOutcome(outcome, new Outcome.Finished(List.of(crash)), script,
                "a worker that throws an Error, then, started again, returns normally (at most 3 crashes a minute)",
                WHY_CATCH_THROWABLE + " An Error is not an Exception: catch (Exception) lets it through.");
    }

    @Test
    @DisplayName("a worker that keeps crashing is given up on at its maxCrashes-th crash, and not started again")
    void givesUpAfterMaxCrashes() throws InterruptedException {
        for (int maxCrashes : List.of(1, 3)) {
            var crashes = new ArrayList<Throwable>();
            var steps = new ArrayList<Step>();
            for (int i = 1; i <= maxCrashes; i++) {
                var crash = new IllegalStateException("crash " + i);
                crashes.add(crash);
                steps.add(Step.crash(Duration.ZERO, crash));
            }
            var script = new Script(steps.toArray(Step[]::new));
            var outcome = superviseToTheEnd(script, maxCrashes, MINUTE,
                    "%d crash(es) at the same moment, with maxCrashes %d".formatted(maxCrashes, maxCrashes));
            assertOutcome(outcome, new Outcome.GaveUp(crashes), script,
                    "a worker that crashes at once every time, with maxCrashes " + maxCrashes + " in a minute",
                    """
                    Why: maxCrashes crashes within the window mean: give up, at that crash. Count every \
                    crash, the first one too.""");
        }
    }

    @Test
    @DisplayName("crashes a whole window apart never add up: the worker is started again each time")
    void crashesAWindowApartDoNotAddUp() throws InterruptedException {
        var crashes = List.<Throwable>of(new IllegalStateException("crash at 0 s"), new IllegalStateException("crash at 10 s"),
                new IllegalStateException("crash at 20 s"), new IllegalStateException("crash at 30 s"));
        var script = new Script(Step.crash(Duration.ZERO, crashes.get(0)), Step.crash(TEN_SECONDS, crashes.get(1)),
                Step.crash(TEN_SECONDS, crashes.get(2)), Step.crash(TEN_SECONDS, crashes.get(3)), Step.finish());
        var outcome = superviseToTheEnd(script, 2, TEN_SECONDS, "a worker that finished after its fifth start");
        assertOutcome(outcome, new Outcome.Finished(crashes), script,
                "a worker that crashes every 10 s of the given clock, 4 times, then returns normally, with at most 2 crashes in 10 s",
                """
                Why: a crash counts against the worker only while less than the window has passed since \
                it: exactly 10 s later it no longer counts, so no two of these crashes are within 10 s. \
                Measure with the clock given (clock.instant()), not System.nanoTime() or Instant.now(): \
                the test's clock moves only when the worker says so; and forget crashes as they leave \
                the window instead of counting every crash since the start.""");
    }

    @Test
    @DisplayName("the window slides: it gives up once maxCrashes crashes fall within any stretch shorter than the window")
    void theWindowSlides() throws InterruptedException {
        var crashes = List.<Throwable>of(new IllegalStateException("crash at 0 s"), new IllegalStateException("crash at 6 s"),
                new IllegalStateException("crash at 12 s"), new IllegalStateException("crash at 13 s"));
        var script = new Script(Step.crash(Duration.ZERO, crashes.get(0)), Step.crash(Duration.ofSeconds(6), crashes.get(1)),
                Step.crash(Duration.ofSeconds(6), crashes.get(2)), Step.crash(Duration.ofSeconds(1), crashes.get(3)));
        var outcome = superviseToTheEnd(script, 3, TEN_SECONDS, "the crash at 13 s, the third within 10 s (6, 12 and 13 s)");
        assertOutcome(outcome, new Outcome.GaveUp(crashes), script,
                "crashes at 0, 6, 12 and 13 s of the given clock, with at most 3 crashes in 10 s",
                """
                Why: at 12 s the crash at 0 s is out of the window (2 crashes in the last 10 s: start \
                again); at 13 s the crashes at 6, 12 and 13 s are 3 within 10 s: give up. A window \
                that starts at the first crash and is cleared when it runs out misses them; keep the \
                times of the recent crashes and count those less than the window before now.""");
    }

    @Test
    @DisplayName("two crashes just under the window apart add up")
    void justInsideTheWindow() throws InterruptedException {
        var crashes = List.<Throwable>of(new IllegalStateException("crash at 0 s"),
                new IllegalStateException("crash 1 ns before 10 s"));
        var script = new Script(Step.crash(Duration.ZERO, crashes.get(0)),
                Step.crash(TEN_SECONDS.minusNanos(1), crashes.get(1)));
        var outcome = superviseToTheEnd(script, 2, TEN_SECONDS, "the second crash, 1 ns less than 10 s after the first");
        assertOutcome(outcome, new Outcome.GaveUp(crashes), script,
                "two crashes 1 ns less than 10 s apart by the given clock, with at most 2 crashes in 10 s",
                """
                Why: a crash counts while less than the window has passed since it, and 1 ns less \
                than 10 s is less: the two crashes are within 10 s, and that is maxCrashes.""");
    }

    @Test
    @DisplayName("interrupted while the worker runs, it interrupts the worker, waits for it to end, and throws InterruptedException without a restart")
    void interruptedWhileTheWorkerRuns() throws InterruptedException {
        var script = new Script(Step.untilInterrupted(new IllegalStateException("stopped by the interrupt")));
        var call = start(script, 3, MINUTE);
        assertThat(ThreadWatch.pollUntil(DEADLINE, () -> script.runs() == 1)).as("the worker started within 2 s").isTrue();
        call.assertBlocks(DEADLINE, "supervise() while its worker runs");
        call.interrupt();
        ThreadWatch.pollUntil(DEADLINE, () -> script.sawInterrupt || call.isDone());
        if (!script.sawInterrupt && call.isDone()) {
            // An interrupt passed on just before supervise() ended reaches the worker within moments.
            ThreadWatch.pollUntil(Duration.ofMillis(200), () -> script.sawInterrupt);
        }
        assertThat(script.sawInterrupt)
                .as("""
                        The worker saw an interrupt %s.
                        Why: an interrupted supervisor is being asked to stop, and so is what it runs: pass \
                        the interrupt on to the worker's thread (thread.interrupt(), future.cancel(true)).""",
                        call.isDone() ? "before supervise() ended (it ended without passing the interrupt on)" : "within 2 s of the supervisor's")
                .isTrue();
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || script.extraRun());
        assertNoExtraRun(script, call, "its worker, which ended because the supervisor was interrupted");
        call.assertThrowsInterruptedException(DEADLINE, "supervise()");
        assertWorkerEndedFirst(script);
    }

    @Test
    @DisplayName("called with its thread's interrupt flag set, it throws InterruptedException and leaves no worker running")
    void interruptedBeforeTheCall() throws InterruptedException {
        var script = new Script(Step.untilInterrupted(null));
        var call = BlockingCall.callInterrupted("supervisor", script.superviseOnThisThread(3, MINUTE));
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || script.extraRun() || script.sawInterrupt
                || ThreadWatch.staysWaitingIn(call.thread(), Supervisor.class, STEADY));
        assertNoExtraRun(script, call, "its worker, though it was called with the interrupt flag set");
        assertThat(call.isDone() || script.runs() == 0 || script.sawInterrupt)
                .as("""
                        supervise(), called with the interrupt flag set, waits for its worker, which it \
                        never interrupted.
                        Why: an interrupted supervisor is being asked to stop, and so is what it runs: pass \
                        the interrupt on to the worker's thread (thread.interrupt(), future.cancel(true)), \
                        then wait for it to end.""")
                .isTrue();
        call.assertThrowsInterruptedException(DEADLINE, "supervise(), called with the interrupt flag set,");
        assertWorkerEndedFirst(script);
    }

    @Test
    @DisplayName("two supervisors at once neither wait for each other nor mix their crashes")
    void twoSupervisorsAtOnce() throws InterruptedException {
        var secondDone = new CountDownLatch(1);
        var firstCrash = new IllegalStateException("the first worker's crash");
        var first = new Script(Step.crash(Duration.ZERO, firstCrash), Step.waitingFor(secondDone));
        var firstCall = start(first, 2, MINUTE);
        try {
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> first.runs() == 2 || firstCall.isDone()))
                    .as("the first supervisor started its worker again within 2 s of its crash").isTrue();
            var secondCrashes = List.<Throwable>of(new IllegalStateException("the second worker's first crash"),
                    new IllegalStateException("the second worker's second crash"));
            var second = new Script(Step.crash(Duration.ZERO, secondCrashes.get(0)), Step.crash(Duration.ZERO, secondCrashes.get(1)));
            var secondCall = start(second, 2, MINUTE);
            var secondOutcome = secondCall.awaitResult(DEADLINE, STEADY.multipliedBy(5), """
                    The second supervisor had not returned while the first one still waited for its worker.
                    Why: two supervisors must not wait for each other: a synchronized supervise(), or a \
                    lock held while waiting for the worker, makes every other supervisor wait until this \
                    one's worker is done.""");
            var why = """
                    Why: each call to supervise() has crashes of its own: keep them in local variables. A \
                    static field is shared by every supervisor at once.""";
            assertThat(secondOutcome).as("the second supervisor's outcome, while the first one still ran.%n%s", why)
                    .isEqualTo(new Outcome.GaveUp(secondCrashes));
            secondDone.countDown();
            ThreadWatch.pollUntil(DEADLINE, () -> firstCall.isDone() || first.extraRun());
            assertNoExtraRun(first, firstCall, "a worker that returned normally");
            assertThat(firstCall.awaitResult(DEADLINE, "supervise() should have returned once its worker did"))
                    .as("the first supervisor's outcome, after the second one had given up.%n%s", why)
                    .isEqualTo(new Outcome.Finished(List.of(firstCrash)));
        } finally {
            secondDone.countDown();
        }
    }

    private static BlockingCall<Outcome> start(Script script, int maxCrashes, Duration window) {
        return BlockingCall.call("supervisor", script.superviseOnThisThread(maxCrashes, window));
    }

    /** Supervises the script on a thread of its own; fails at once when the script runs more often than it has steps. */
    private static Outcome superviseToTheEnd(Script script, int maxCrashes, Duration window, String lastRun)
            throws InterruptedException {
        var call = start(script, maxCrashes, window);
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || script.extraRun());
        assertNoExtraRun(script, call, lastRun);
        assertThat(script.ranOnTheSupervisor)
                .as("""
                        The worker ran on the thread that called supervise().
                        Why: a worker runs on a thread of its own, so that the supervisor lives on when it \
                        crashes and can be interrupted while it waits; worker.run() on the caller is only a \
                        method call.""")
                .isFalse();
        var outcome = call.awaitResult(DEADLINE, """
                supervise() had not returned 2 s after it was called, though its worker had returned or \
                crashed as many times as the test planned.
                Why: once the worker returns normally, or crashes maxCrashes times within the window, \
                supervising is over.""");
        assertWorkerEndedFirst(script);
        return outcome;
    }

    private static void assertWorkerEndedFirst(Script script) {
        assertThat(script.returnedWhileTheWorkerRan)
                .as("supervise() ended while its worker was still running (%d run(s) started, %d ended).%n%s",
                        script.runs(), script.endedRunsAtReturn, WHY_WAIT_FOR_THE_WORKER)
                .isFalse();
    }

    private static void assertNoExtraRun(Script script, BlockingCall<?> call, String lastRun) {
        if (script.extraRun()) {
            call.interrupt();
            throw new AssertionError("""
                    supervise() started the worker once more (run %d), after %s.
                    Crashes so far: %s.
                    Why: a worker is started again only after a crash, and only while fewer than \
                    maxCrashes crashes fall within the window; a supervisor interrupted stops \
                    restarting. A restart loop that never gives up runs a broken worker for ever."""
                    .formatted(script.runs(), lastRun, script.crashesSoFar()));
        }
    }

    private void assertOutcome(Outcome actual, Outcome expected, Script script, String scenario, String why) {
        if (actual.equals(expected)) {
            return;
        }
        var missed = expected.crashes().stream().filter(crash -> !actual.crashes().contains(crash)).toList();
        var reachedTheHandler = missed.stream().filter(uncaught::contains).toList();
        throw new AssertionError("""
                The outcome of supervising %s.
                Expected: %s
                Got:      %s
                The worker ran %d time(s).%s
                %s""".formatted(scenario, describe(expected), describe(actual), script.runs(),
                reachedTheHandler.isEmpty() ? ""
                        : "\nThese crashes reached the JVM's default uncaught-exception handler instead: " + reachedTheHandler,
                reachedTheHandler.isEmpty() ? why : WHY_CATCH_THROWABLE));
    }

    private static String describe(Outcome outcome) {
        return outcome.getClass().getSimpleName() + " with crashes " + outcome.crashes();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable failure) throws T {
        throw (T) failure;
    }

    /** A clock that moves only when the worker moves it. */
    private static final class TestClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }
    }

    /** What one run of the worker does. */
    @FunctionalInterface
    private interface Step {
        void perform(Script script) throws Exception;

        /** Returns normally, once the supervisor waits for it. */
        static Step finish() {
            return Script::awaitTheSupervisorWaiting;
        }

        /**
         * Returns normally, once the supervisor waits for it with no time limit or in one long
         * wait; a supervisor that polls is made to poll for the whole {@link #HOLD}.
         */
        static Step finishAfterTheWholeHold() {
            return script -> script.awaitTheSupervisorWaiting(false);
        }

        /** Once the supervisor waits for it, moves the clock on by {@code after}, then crashes with {@code crash}. */
        static Step crash(Duration after, Throwable crash) {
            return script -> {
                script.awaitTheSupervisorWaiting();
                script.clock.advance(after);
                throw sneaky(crash);
            };
        }

        /** Returns once {@code latch} is open (at most 5 s). */
        static Step waitingFor(CountDownLatch latch) {
            return script -> latch.await(5, TimeUnit.SECONDS);
        }

        /**
         * Waits (at most 5 s) until interrupted, then until the supervisor waits for it or has
         * returned, and ends by throwing {@code then}, or normally when it is null. A supervisor
         * that interrupts its worker and returns without waiting for it has returned by then.
         */
        static Step untilInterrupted(Throwable then) {
            return script -> {
                try {
                    new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    script.sawInterrupt = true;
                }
                script.awaitTheSupervisorWaiting();
                if (then != null) {
                    throw sneaky(then);
                }
            };
        }
    }

    /**
     * A worker that does one step per run, records each run and the threads it ran on, and, run
     * more often than it has steps, waits for an interrupt: a supervisor that should have stopped
     * starting it parks there, where the test sees it.
     */
    private static final class Script implements Runnable {
        final TestClock clock = new TestClock();
        private final List<Step> steps;
        private final AtomicInteger runs = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final List<Throwable> thrown = new CopyOnWriteArrayList<>();
        volatile Thread supervisor;
        volatile boolean returned;
        volatile boolean ranOnTheSupervisor;
        volatile boolean sawInterrupt;
        volatile boolean returnedWhileTheWorkerRan;
        volatile int endedRunsAtReturn;

        Script(Step... steps) {
            this.steps = List.of(steps);
        }

        java.util.concurrent.Callable<Outcome> superviseOnThisThread(int maxCrashes, Duration window) {
            return () -> {
                supervisor = Thread.currentThread();
                try {
                    return Supervisor.supervise(this, maxCrashes, window, clock);
                } finally {
                    endedRunsAtReturn = ended.get();
                    returnedWhileTheWorkerRan = endedRunsAtReturn < runs.get();
                    returned = true;
                }
            };
        }

        @Override
        public void run() {
            int run = runs.getAndIncrement();
            if (Thread.currentThread() == supervisor) {
                ranOnTheSupervisor = true;
            }
            try {
                if (run < steps.size()) {
                    steps.get(run).perform(this);
                } else {
                    new CountDownLatch(1).await(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable failure) {
                thrown.add(failure);
                throw sneaky(failure);
            } finally {
                ended.incrementAndGet();
            }
        }

        /**
         * Holds the worker until the supervisor waits for it: until the supervisor's thread waits
         * with no time limit (join(), get()), or stays in one wait in Supervisor's code for
         * {@link #STEADY} (close() of an executor), or has begun {@link #LOOKS} waits there one
         * after another (a poll: sleep, look, sleep again), or has returned; at most {@link #HOLD}.
         * One that guesses instead of waiting (a short sleep, then one look) has returned by then,
         * before its worker ended.
         */
        void awaitTheSupervisorWaiting() {
            awaitTheSupervisorWaiting(true);
        }

        /**
         * {@link #awaitTheSupervisorWaiting()}, where {@code pollsCount} false holds a supervisor
         * that polls for the whole {@link #HOLD}: one that polls only for a while (twenty looks 10 ms
         * apart, then it guesses) has given up by then. One such run catches it, so the other runs
         * let a poller go after {@link #LOOKS} looks, and a correct one gets a quick verdict.
         */
        void awaitTheSupervisorWaiting(boolean pollsCount) {
            if (Thread.currentThread() == supervisor) {
                return;
            }
            long waitsAtFirst = ThreadWatch.timesWaited(supervisor);
            var sameWait = new long[] {waitsAtFirst, System.nanoTime()};
            ThreadWatch.pollUntil(HOLD, () -> {
                if (returned || supervisor.getState() == Thread.State.WAITING) {
                    return true;
                }
                long waits = ThreadWatch.timesWaited(supervisor);
                long now = System.nanoTime();
                if (waits != sameWait[0]) {
                    sameWait[0] = waits;
                    sameWait[1] = now;
                }
                return ThreadWatch.isWaitingIn(supervisor, Supervisor.class)
                        && (now - sameWait[1] >= STEADY.toNanos() || pollsCount && waits - waitsAtFirst >= LOOKS);
            });
        }

        int runs() {
            return runs.get();
        }

        boolean extraRun() {
            return runs.get() > steps.size();
        }

        String crashesSoFar() {
            return thrown.isEmpty() ? "none" : thrown.stream().map(Throwable::toString).collect(Collectors.joining(", "));
        }
    }

    /** An Error of the test's own, thrown by a worker. */
    private static final class WorkerError extends Error {
        WorkerError(String message) {
            super(message);
        }
    }
}
