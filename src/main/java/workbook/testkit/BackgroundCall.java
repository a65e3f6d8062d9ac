package workbook.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call to the code under test, made on a thread of its own, so that the test can watch it from
 * outside: whether it is waiting, whether it has returned, and what it returned, each against a
 * deadline.
 *
 * <p>Some behaviour can only be seen from another thread. That a method waits for a worker, that it
 * returns at once instead, that it gives up at its time limit or waits for ever: called on the
 * test's own thread, such a method would leave the test stuck inside it, with nobody left to let
 * the worker finish or to notice that the wait never ends. Here the test keeps its own thread free:
 * <ul>
 *   <li>{@link #awaitWaitingOrDone(Duration)} tells whether the call is now waiting for something
 *       (its thread is {@code WAITING} or {@code TIMED_WAITING}: in {@code join}, {@code sleep},
 *       {@code await}, {@code wait}, {@code park}) or has returned, so that the test only lets a
 *       worker finish once the call has had its chance to wait for it;</li>
 *   <li>{@link #awaitDone(Duration)} waits for the call to return, at most a deadline, and says
 *       whether it did, so a call that waits for ever fails the test instead of hanging it;</li>
 *   <li>{@link #result()} hands back what the call returned, or fails with what it threw.</li>
 * </ul>
 * A thread {@code BLOCKED} on a monitor does not count as waiting: it waits for a lock, not for
 * the thing the test controls.
 *
 * <pre>{@code
 * var call = BackgroundCall.start("waiter", () -> Background.awaitAtMost(worker, Duration.ofSeconds(5)));
 * assertThat(call.awaitWaitingOrDone(Duration.ofSeconds(2))).isTrue();
 * workerMayFinish.countDown();
 * assertThat(call.awaitDone(Duration.ofSeconds(2))).isTrue();
 * assertThat(call.result()).isTrue();
 * }</pre>
 *
 * <p>The thread is a daemon, so a call that never returns cannot keep the JVM from exiting after the
 * test has failed. Memory consistency effects: everything the call did happens-before
 * {@code result()} returns.
 *
 * @param <T> what the call returns ({@code Void} and {@code null} for a call that returns nothing)
 */
public final class BackgroundCall<T> {

    private final FutureTask<T> call;
    private final Thread thread;

    private BackgroundCall(String threadName, Callable<T> call) {
        this.call = new FutureTask<>(call);
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this.call);
    }

    /** Starts {@code call} on a new daemon thread named {@code threadName} and returns at once. */
    public static <T> BackgroundCall<T> start(String threadName, Callable<T> call) {
        var started = new BackgroundCall<>(threadName, call);
        started.thread.start();
        return started;
    }

    /** The thread the call runs on. */
    public Thread thread() {
        return thread;
    }

    /** True once the call has returned or thrown. */
    public boolean isDone() {
        return call.isDone();
    }

    /**
     * Waits, at most {@code deadline}, until the call is waiting for something or has returned;
     * true when one of the two happened, false when the call was still busy at the deadline.
     * Looks at the thread's state every millisecond.
     */
    public boolean awaitWaitingOrDone(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                var state = thread.getState();
                if (call.isDone() || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    return true;
                }
                if (System.nanoTime() - end >= 0) {
                    return false;
                }
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching the call on thread \"" + thread.getName() + "\"", e);
        }
    }

    /** Waits until the call has returned or thrown, at most {@code deadline}; true when it has. */
    public boolean awaitDone(Duration deadline) {
        try {
            call.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException threw) {
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the call on thread \"" + thread.getName() + "\"", e);
        }
    }

    /**
     * What the call returned. Fails when it threw, with what it threw as the cause.
     *
     * @throws IllegalStateException when the call has not returned yet: await it first
     */
    public T result() {
        if (!call.isDone()) {
            throw new IllegalStateException("the call on thread \"" + thread.getName()
                    + "\" has not returned yet: awaitDone(...) first");
        }
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new AssertionError("the call on thread \"" + thread.getName() + "\" threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading a finished call's result", e);
        }
    }

    /** Where the call stands now, for a failure message: its thread's state and the code it is in. */
    public String describe() {
        if (call.isDone()) {
            return "  the call on \"" + thread.getName() + "\" has returned";
        }
        return ThreadReport.describe(List.of(thread)).stripTrailing();
    }
}
