package l01b_background_worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;

class BackgroundTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

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
        var worker = Background.start("slow-work", () -> {
            try {
                letGo.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
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
        var limit = Duration.ofSeconds(5);
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(worker, limit));
        try {
            if (!call.awaitWaitingOrDone(DEADLINE)) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) was neither waiting nor done %s after it was called:
                        %s
                        A loop that keeps asking isAlive() keeps a core busy doing nothing; \
                        join() with a time limit waits without using the CPU."""
                        .formatted(Durations.readable(limit), Durations.readable(DEADLINE), call.describe()));
            }
            if (call.isDone()) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) returned %s at once, while the worker was still running \
                        and had %s left to finish. It must wait for the worker, up to the limit, before \
                        it answers: isAlive() alone does not wait."""
                        .formatted(Durations.readable(limit), call.result(), Durations.readable(limit)));
            }
            letGo.countDown();
            if (!call.awaitDone(DEADLINE)) {
                throw new AssertionError("""
                        The worker finished, and %s later awaitAtMost(worker, %s) was still waiting:
                        %s""".formatted(Durations.readable(DEADLINE), Durations.readable(limit), call.describe()));
            }
            assertThat(call.result())
                    .as("what awaitAtMost(worker, %s) returned for a worker that finished well within the limit",
                            Durations.readable(limit))
                    .isTrue();
        } finally {
            letGo.countDown();
            worker.join(DEADLINE);
        }
    }

    @Test
    @DisplayName("awaitAtMost gives up at the limit, returns false, and leaves the worker running")
    void awaitAtMostGivesUpAtTheLimit() throws InterruptedException {
        var letGo = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        var worker = workerWaitingFor(letGo, interrupted);
        var limit = Duration.ofMillis(300);
        var call = BlockingCall.call("waiter", () -> Background.awaitAtMost(worker, limit));
        try {
            if (!call.awaitDone(DEADLINE)) {
                throw new AssertionError("""
                        awaitAtMost(worker, %s) had not returned %s later, while the worker was still \
                        busy:
                        %s
                        join() with no time limit waits as long as the worker runs, which may be for \
                        ever. Give join the limit: worker.join(limit)."""
                        .formatted(Durations.readable(limit), Durations.readable(DEADLINE), call.describe()));
            }
            if (call.result()) {
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
            call.awaitDone(DEADLINE);
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
