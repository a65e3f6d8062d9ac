package l12b_graceful_stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.BlockingCall;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;

@ExtendWith(NoThreadLeaks.class)
class JobServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long after its limit stop may take to return: cancelling and cleaning up. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** How long an interrupted job takes to clean up before it ends. */
    private static final Duration CLEAN_UP = Duration.ofMillis(50);
    /** A call the test has just let go that stays this long in one wait was not woken. */
    private static final Duration QUIET = Duration.ofMillis(100);

    @Test
    @DisplayName("stop() lets the running and the queued jobs finish, takes no new ones, and returns as soon as they are done")
    void finishesTheQueuedJobs() throws InterruptedException {
        var jobs = new Jobs();
        var service = new JobService("orders", 2);
        jobs.submitHeld(service, "held-1", "held-2");
        jobs.awaitRunning("held-1", "held-2");
        jobs.submitQuick(service, "queued-1", "queued-2", "queued-3");
        var stopping = BlockingCall.call("stopper", () -> service.stop(Duration.ofSeconds(10)));
        stopping.assertBlocks(DEADLINE, "stop(10 s) while 2 jobs run and 3 wait");
        assertRejected(() -> service.submit("late", jobs.quick("late")), "submit(...) while stop() is waiting");
        jobs.releaseAll();
        var neverRun = stopping.awaitResult(DEADLINE, """
                stop(10 s) must return as soon as every job it took has run, not at its limit: they all ran \
                2 s ago. Call shutdown() first: awaitTermination(...) alone waits out the whole limit.""");
        assertThat(neverRun).as("""
                The jobs stop(10 s) reported as never run, when every job finished well within the limit.
                Why: stop finishes the queued jobs while there is time; shutdownNow() at once drops them.""")
                .isEmpty();
        jobs.assertRanOnce("held-1", "held-2", "queued-1", "queued-2", "queued-3");
        jobs.assertNotRun("late");
        assertRejected(() -> service.submit("later", jobs.quick("later")), "submit(...) after stop() returned");
    }

    @Test
    @DisplayName("at the limit, stop() interrupts the running jobs and reports exactly the jobs that never started, in order")
    void cancelsTheRestAtTheLimit() throws InterruptedException {
        var jobs = new Jobs();
        var service = new JobService("reports", 2);
        jobs.submitUntilInterrupted(service, "busy-1", "busy-2");
        jobs.awaitRunning("busy-1", "busy-2");
        jobs.submitQuick(service, "queued-1", "queued-2", "queued-3");
        var neverRun = stopWithin(service, Duration.ofMillis(200));
        assertThat(neverRun).as("""
                The jobs stop(200 ms) reported as never run: 2 jobs were running (and were interrupted at \
                the limit), 3 were still queued.
                Why: the report names the jobs that never started, no more and no less, in the order they \
                were taken. shutdownNow() returns exactly the jobs still in the queue; a job that started and \
                was interrupted did run. (Give the pool Runnables that carry their name, with execute(): \
                submit() wraps each in a FutureTask.)""")
                .containsExactly("queued-1", "queued-2", "queued-3");
        jobs.assertInterrupted("busy-1", "busy-2");
        jobs.assertNotRun("queued-1", "queued-2", "queued-3");
    }

    @Test
    @DisplayName("a submit() that stop() overtakes, wherever it is stopped, is either refused or reported, never lost")
    void aSubmitOvertakenByStopIsRefusedOrReported() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var jobs = new Jobs();
                var service = new JobService("overtaken", 1);
                jobs.submitUntilInterrupted(service, "busy");
                jobs.awaitRunning("busy");
                var refused = new AtomicBoolean();
                var late = jobs.quick("late");
                var submitter = preemption.start("submitter", point, () -> {
                    try {
                        service.submit("late", late);
                    } catch (RejectedExecutionException e) {
                        refused.set(true);
                    }
                });
                boolean stopped = submitter.awaitStopped(DEADLINE);
                var stopping = BlockingCall.call("stopper", () -> service.stop(Duration.ZERO));
                stopping.awaitSettled(DEADLINE);
                submitter.resume();
                submitter.call().awaitResult(DEADLINE, QUIET, "submit() has nothing to wait for once stop() is done");
                var neverRun = stopping.awaitResult(DEADLINE, QUIET, "stop(0) has nothing to wait for once submit() is done");
                assertThat(refused.get() != neverRun.contains("late")).as("""
                        A submit("late") was held at its preemption point %d (a lock, queue or executor call, \
                        or a synchronized block, entered or left) while stop(0) ran, with the service's one \
                        thread busy. submit() %s, and stop() reported %s.
                        Why: a submit() that overlaps stop() comes either before it (the job is taken, and \
                        with no time left and the thread busy it never starts, so stop() must name it) or \
                        after it (RejectedExecutionException). Make "is it stopping?" and "take the job" one \
                        step against stop's "no more jobs" (one lock both hold, or the executor's own \
                        execute() and shutdown()), and read what to report only after no submit() can add to \
                        it.""".formatted(point, refused.get() ? "threw RejectedExecutionException" : "returned", neverRun))
                        .isTrue();
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("a zero, sub-millisecond or negative limit cancels at once")
    void zeroAndTinyLimits() throws InterruptedException {
        for (var limit : List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofMillis(-5))) {
            var jobs = new Jobs();
            var service = new JobService("batch", 1);
            jobs.submitUntilInterrupted(service, "busy");
            jobs.awaitRunning("busy");
            jobs.submitQuick(service, "queued-1", "queued-2");
            var stopping = BlockingCall.call("stopper", () -> service.stop(limit));
            assertThat(stopping.awaitDone(GRACE))
                    .as("""
                            stop() with a limit of %d ns was still waiting after 1 s.
                            Why: no time left means cancel at once. Careful with conversions: a limit under a \
                            millisecond is 0 in toMillis(), and join(0) or wait(0) waits for ever.""", limit.toNanos())
                    .isTrue();
            assertThat(stopping.result()).as("the jobs stop() with a limit of %d ns reported as never run", limit.toNanos())
                    .containsExactly("queued-1", "queued-2");
            jobs.assertInterrupted("busy");
        }
    }

    @Test
    @DisplayName("interrupted while it waits, stop() cancels at once, still reports, and keeps the interrupt flag set")
    void interruptedWhileStopping() throws InterruptedException {
        var jobs = new Jobs();
        var service = new JobService("mail", 1);
        jobs.submitUntilInterrupted(service, "busy");
        jobs.awaitRunning("busy");
        jobs.submitQuick(service, "queued-1", "queued-2");
        var stopping = BlockingCall.call("stopper", () -> new Stopped(service.stop(Duration.ofSeconds(30)),
                Thread.currentThread().isInterrupted()));
        stopping.assertBlocks(DEADLINE, "stop(30 s) while a job runs");
        stopping.interrupt();
        var stopped = stopping.awaitResult(DEADLINE, """
                stop(30 s) was interrupted and went on waiting. Why: an interrupt asks the caller to hurry: \
                stop waiting, cancel the rest as if the limit had passed, and return.""");
        assertStoppedByTheInterrupt(stopped, "stop(30 s), interrupted while it waited");
        jobs.assertInterrupted("busy");
    }

    @Test
    @DisplayName("called with the interrupt flag set, stop() cancels at once, reports, and keeps the flag set")
    void interruptedBeforeStop() throws InterruptedException {
        var jobs = new Jobs();
        var service = new JobService("mail", 1);
        jobs.submitUntilInterrupted(service, "busy");
        jobs.awaitRunning("busy");
        jobs.submitQuick(service, "queued-1", "queued-2");
        var stopping = BlockingCall.callInterrupted("stopper", () -> new Stopped(service.stop(Duration.ofSeconds(30)),
                Thread.currentThread().isInterrupted()));
        var stopped = stopping.awaitResult(DEADLINE, """
                stop(30 s), called with the interrupt flag set, must not wait: the caller was asked to hurry.""");
        assertStoppedByTheInterrupt(stopped, "stop(30 s), called with the interrupt flag set");
        jobs.assertInterrupted("busy");
    }

    @Test
    @DisplayName("a service of N threads runs N jobs at once, on threads named name-1 … name-N, counted per service")
    void threadsAreNamedPerService() throws InterruptedException {
        var names = new ArrayList<Set<String>>();
        var services = List.of(new JobService("orders", 3), new JobService("orders", 3));
        for (var service : services) {
            var jobs = new Jobs();
            jobs.submitHeld(service, "job-1", "job-2", "job-3", "job-4");
            jobs.awaitRunning("job-1", "job-2", "job-3");
            assertThat(jobs.staysNotStarted("job-4"))
                    .as("""
                            A job started while the service's 3 threads were all busy with the 3 jobs before it.
                            Why: a service of N threads runs N jobs at once, whatever the number of cores: \
                            newFixedThreadPool(workers), not one thread per core, and not a cached pool.""")
                    .isTrue();
            jobs.releaseAll();
            jobs.awaitRunning("job-4");
            assertThat(service.stop(Duration.ofMillis(500))).as("jobs never run, when all had started").isEmpty();
            names.add(jobs.threadNames());
        }
        assertThat(names.get(0))
                .as("""
                        The names of the threads that ran 3 jobs at once on a new JobService("orders", 3).
                        Why: a thread's name is what a thread dump, a log line and a profiler show: give the \
                        pool a ThreadFactory that names its threads name-1, name-2, … \
                        (Thread.ofPlatform().name(name + "-", 1).factory() is one).""")
                .containsExactlyInAnyOrder("orders-1", "orders-2", "orders-3");
        assertThat(names.get(1))
                .as("""
                        The names of the threads of a second JobService("orders", 3), made after the first.
                        Why: each service numbers its own threads from 1: a counter in a static field is \
                        shared by every service.""")
                .containsExactlyInAnyOrder("orders-1", "orders-2", "orders-3");
    }

    /** Stops the service on a thread of its own; it must return after the limit, and at most a second later. */
    private static List<String> stopWithin(JobService service, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        var stopping = BlockingCall.call("stopper", () -> service.stop(limit));
        var neverRun = stopping.awaitResult(limit.plus(GRACE), """
                stop(%d ms) had not returned 1 s after its limit.
                Why: the limit bounds the whole stop. When it is up, shutdownNow() interrupts the running \
                jobs; do not then wait for them again without a limit.""".formatted(limit.toMillis()));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMillis)
                .as("""
                        Milliseconds stop(%d ms) took while jobs were still running.
                        Why: the jobs taken get the whole limit to finish before anything is cancelled.""",
                        limit.toMillis())
                .isGreaterThanOrEqualTo(limit.toMillis() - 10);
        return neverRun;
    }

    private static void assertStoppedByTheInterrupt(Stopped stopped, String what) {
        assertThat(stopped.neverRun())
                .as("""
                        The jobs %s reported as never run: one job was running, 2 were queued.
                        Why: an interrupt cuts the wait short, but the caller still needs to know which \
                        jobs were dropped: cancel as at the limit (shutdownNow()), and report them.""", what)
                .containsExactly("queued-1", "queued-2");
        assertThat(stopped.stillInterrupted())
                .as("""
                        Whether the caller's interrupt flag was still set when %s returned.
                        Why: catching InterruptedException clears the flag. A method that does not throw it \
                        must set the flag again (Thread.currentThread().interrupt()), or the caller's own \
                        caller never learns that it was asked to stop.""", what)
                .isTrue();
    }

    private static void assertRejected(Runnable submit, String what) throws InterruptedException {
        var call = BlockingCall.run("late-submitter", submit::run);
        assertThat(call.awaitDone(DEADLINE)).as(what + " must not wait").isTrue();
        Throwable thrown = null;
        try {
            call.result();
        } catch (AssertionError e) {
            thrown = e.getCause();
        }
        assertThat(thrown)
                .as("""
                        What %s threw.
                        Why: once stop() is called the service takes no new jobs, and says so with \
                        RejectedExecutionException (shutdown() does that).""", what)
                .isInstanceOf(RejectedExecutionException.class);
    }

    private record Stopped(List<String> neverRun, boolean stillInterrupted) {}

    /** Jobs that record where and how often they ran, and either stay until let go or until interrupted. */
    private static final class Jobs {
        private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final Set<String> running = ConcurrentHashMap.newKeySet();
        private final Set<String> interrupted = ConcurrentHashMap.newKeySet();
        private final Set<String> ended = ConcurrentHashMap.newKeySet();
        private final Set<String> threadNames = ConcurrentHashMap.newKeySet();
        private final CountDownLatch release = new CountDownLatch(1);

        Runnable quick(String name) {
            runs.put(name, new AtomicInteger());
            return () -> {
                started(name);
                ended.add(name);
            };
        }

        void submitQuick(JobService service, String... names) {
            for (var name : names) {
                service.submit(name, quick(name));
            }
        }

        void submitHeld(JobService service, String... names) {
            for (var name : names) {
                runs.put(name, new AtomicInteger());
                service.submit(name, () -> {
                    started(name);
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.add(name);
                        cleanUpAfterTheInterrupt();
                    } finally {
                        ended.add(name);
                    }
                });
            }
        }

        void submitUntilInterrupted(JobService service, String... names) {
            for (var name : names) {
                runs.put(name, new AtomicInteger());
                service.submit(name, () -> {
                    started(name);
                    try {
                        new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.add(name);
                        cleanUpAfterTheInterrupt();
                    } finally {
                        ended.add(name);
                    }
                });
            }
        }

        /**
         * An interrupted job takes a moment to clean up, as real jobs do: a stop() that reads what
         * is left right after shutdownNow() must not be saved by a job that happened to end first.
         */
        private static void cleanUpAfterTheInterrupt() {
            try {
                Thread.sleep(CLEAN_UP);
            } catch (InterruptedException again) {
                Thread.currentThread().interrupt();
            }
        }

        private void started(String name) {
            threadNames.add(Thread.currentThread().getName());
            runs.get(name).incrementAndGet();
            running.add(name);
        }

        void releaseAll() {
            release.countDown();
        }

        Set<String> threadNames() {
            return Set.copyOf(threadNames);
        }

        void awaitRunning(String... names) {
            var expected = List.of(names);
            assertThat(ThreadWatch.pollUntil(Duration.ofSeconds(1), () -> running.containsAll(expected)))
                    .as("""
                            Jobs started 1 s after they were submitted to a service with a thread for each: %s of %s.
                            Why: a service of N threads runs N jobs at once.""", running, expected)
                    .isTrue();
        }

        /** True when the job has not started, and still has not a moment later. */
        boolean staysNotStarted(String name) {
            return !ThreadWatch.pollUntil(Duration.ofMillis(100), () -> running.contains(name));
        }

        void assertRanOnce(String... names) {
            var expected = List.of(names);
            ThreadWatch.pollUntil(DEADLINE, () -> ended.containsAll(expected));
            for (var name : names) {
                assertThat(runs.get(name).get())
                        .as("""
                                How many times job "%s" ran. Why: every job the service took must run once \
                                when stop() leaves it the time.""", name)
                        .isEqualTo(1);
            }
        }

        void assertNotRun(String... names) {
            for (var name : names) {
                assertThat(runs.get(name).get())
                        .as("""
                                How many times job "%s" ran. Why: a job reported as never run (or refused) \
                                must never run, or the caller who runs it again does the work twice.""", name)
                        .isZero();
            }
        }

        void assertInterrupted(String... names) {
            var expected = List.of(names);
            assertThat(ThreadWatch.pollUntil(DEADLINE, () -> interrupted.containsAll(expected)))
                    .as("""
                            Of the jobs still running at the limit, these had been interrupted 2 s later: %s of %s.
                            Why: at the limit stop cancels the running jobs (shutdownNow() interrupts them), so \
                            that none goes on after the service has stopped.""", interrupted, expected)
                    .isTrue();
        }
    }
}
