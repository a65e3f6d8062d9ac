package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One call that may block (a {@code put} into a full buffer, a {@code take} from an empty one, a
 * method that waits for a worker), made on a thread of its own, so that a test can see that it
 * blocks, release it, and collect its result, all against deadlines.
 *
 * <p>Made from the test's own thread, a call that blocks for ever hangs the test, and a call that
 * should block but returns at once is hard to tell from one that blocked briefly. Here:
 * <ul>
 *   <li>{@link #assertBlocks} passes once the call's thread is parked inside the call (waiting,
 *       timed waiting, or blocked on a monitor) and fails, saying what came back, when the call
 *       returns or throws instead; a thread that is still running at the deadline is spinning,
 *       and fails too;</li>
 *   <li>{@link #awaitResult} returns what the call returned, rethrows (as an assertion, naming
 *       the thread) what it threw, and fails at the deadline with a {@link ThreadReport} of the
 *       thread and of the thread holding the lock it waits for, if any. Given a {@code quiet}
 *       period too, it fails as soon as the thread has stayed that long in one wait, never woken:
 *       for a call the test has just released (made room, brought an item, interrupted), that
 *       is a call nobody woke, and waiting out the whole deadline would only make the verdict
 *       slow;</li>
 *   <li>for tests that decide themselves what a late call means: {@link #awaitWaitingOrDone}
 *       and {@link #awaitDone} answer true or false by a deadline, {@link #result()} hands back
 *       what the finished call returned, and {@link #describe()} says where an unfinished call
 *       stands.</li>
 * </ul>
 *
 * <pre>{@code
 * var buffer = new BoundedBuffer<String>(1);
 * BlockingCall.run("producer", () -> buffer.put("first")).awaitResult(Duration.ofSeconds(2), "...");
 * var second = BlockingCall.run("producer", () -> buffer.put("second"));
 * second.assertBlocks(Duration.ofSeconds(2), "put() into a full buffer");
 * var first = BlockingCall.call("consumer", buffer::take).awaitResult(Duration.ofSeconds(2), "...");
 * second.awaitResult(Duration.ofSeconds(2), "put() must wake up once take() made room");
 * }</pre>
 *
 * <p>The thread is a daemon and is interrupted when a deadline fails, so a call left stuck by a
 * broken solution neither hangs the test nor keeps the JVM alive. Memory consistency effects:
 * everything the call did happens-before {@code awaitResult} returns.
 *
 * @param <T> what the call returns ({@code Void} for a call made with {@link #run})
 */
public final class BlockingCall<T> {

    /** A call that returns nothing, such as {@code buffer.put(item)}. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(1);
    private static final Duration SECOND_LOOK = Duration.ofMillis(5);
    /**
     * The most of the time between two looks that counts towards a call's quiet time: when the whole
     * JVM was held off the cores, the watched thread was too, and that time proves nothing about it.
     */
    private static final Duration MOST_COUNTED_PER_LOOK = Duration.ofMillis(5);


    private final String name;
    private final boolean returnsValue;
    private final Thread thread;
    private final CountDownLatch inCall = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile T result;
    private volatile Throwable thrown;

    private BlockingCall(String name, boolean returnsValue, boolean interruptedBefore, Callable<T> call) {
        this.name = name;
        this.returnsValue = returnsValue;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            inCall.countDown();
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
            try {
                result = call.call();
            } catch (Throwable failure) {
                thrown = failure;
            } finally {
                done.countDown();
            }
        });
        thread.start();
    }

    /** Makes {@code call} on a new thread named {@code name}, and returns at once. */
    public static <T> BlockingCall<T> call(String name, Callable<T> call) {
        return new BlockingCall<>(name, true, false, call);
    }

    /** Makes {@code action} on a new thread named {@code name}, and returns at once. */
    public static BlockingCall<Void> run(String name, Action action) {
        return new BlockingCall<>(name, false, false, asCallable(action));
    }

    /**
     * Makes {@code action} on a new thread named {@code name} whose interrupt flag is already set
     * when the call starts, and returns at once: a call that declares {@link InterruptedException}
     * must then throw it (see {@link #assertThrowsInterruptedException}) instead of waiting.
     */
    public static BlockingCall<Void> runInterrupted(String name, Action action) {
        return new BlockingCall<>(name, false, true, asCallable(action));
    }

    /** {@link #runInterrupted} for a call that returns a value. */
    public static <T> BlockingCall<T> callInterrupted(String name, Callable<T> call) {
        return new BlockingCall<>(name, true, true, call);
    }

    private static Callable<Void> asCallable(Action action) {
        return () -> {
            action.run();
            return null;
        };
    }

    /**
     * Interrupts the call's thread, as {@code Future.cancel(true)}, an executor's
     * {@code shutdownNow()} or a user pressing Stop would. Use {@link #assertBlocks} first to
     * interrupt a call that is really waiting.
     */
    public void interrupt() {
        thread.interrupt();
    }

    /**
     * Waits, at most {@code within}, for the call to end by throwing {@link InterruptedException}:
     * what a call that declares it must do when its thread is interrupted while it waits, or
     * before it starts. Fails, saying what the call did instead, when it returned, threw something
     * else, or was still inside at the deadline.
     *
     * @param what the call in words, for the failure message: {@code "take() from an empty buffer"}
     */
    public void assertThrowsInterruptedException(Duration within, String what) throws InterruptedException {
        assertThrowsInterruptedException(within, within, what);
    }

    /**
     * {@link #assertThrowsInterruptedException(Duration, String)}, failing early once the call has
     * stayed in one wait for {@code quiet}: an interrupt wakes every interruptible wait at once,
     * so a call still asleep that long after it either caught the exception and waits again, or
     * waits in a way that ignores interrupts.
     */
    public void assertThrowsInterruptedException(Duration within, Duration quiet, String what) throws InterruptedException {
        long start = System.nanoTime();
        if (!awaitEnd(within, quiet)) {
            throw stuck("""
                    %s was interrupted, and %s later it is still inside the call.
                    Why: an interrupt is a request to stop waiting. A blocking call that declares \
                    InterruptedException must end with it promptly: do not catch it to wait again, \
                    and do not wait in a way that ignores interrupts (acquireUninterruptibly, \
                    awaitUninterruptibly, a loop that clears the flag).""".formatted(what, Durations.readable(since(start))));
        }
        if (thrown instanceof InterruptedException) {
            return;
        }
        var did = thrown == null ? outcome() : "threw " + thrown + whereThrown();
        throw new AssertionError("""
                %s was interrupted, and it %s instead of throwing InterruptedException.
                Why: the caller can only tell "I was interrupted" from "it worked" or "it timed out" by \
                the exception. Catching InterruptedException and going on, returning false or null, or \
                wrapping it, hides the interrupt: let it propagate (declare it), and restore the flag \
                with Thread.currentThread().interrupt() only where you cannot rethrow.""".formatted(what, did), thrown);
    }

    /**
     * Waits, at most {@code within}, until the call is parked inside: its thread waits, waits with
     * a timeout, or is blocked entering a monitor. Fails when the call returns or throws first
     * (it did not wait), or when the thread is still running at the deadline (it spins).
     *
     * @param what the call in words, for the failure message: {@code "put(\"second\") into a full buffer"}
     */
    public void assertBlocks(Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        if (!inCall.await(within.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("\"%s\" was not even started within %s.".formatted(name, Durations.readable(within)));
        }
        while (true) {
            if (done.getCount() == 0) {
                throw new AssertionError(
                        "%s should have waited, but it %s at once.%s".formatted(
                                what, outcome(), thrown == null ? "" : whereThrown()), thrown);
            }
            if (isParked(thread.getState()) && staysParked()) {
                return;
            }
            if (System.nanoTime() > end) {
                throw stuck("""
                        %s should have waited, but after %s its thread is still running without waiting \
                        (a busy loop burns a core while it waits): wait with wait() or await() instead."""
                        .formatted(what, Durations.readable(within)));
            }
            Thread.sleep(POLL_INTERVAL);
        }
    }

    /**
     * Waits, at most {@code deadline}, for the call to end, and returns what it returned. Fails
     * when it threw, or with {@code whyItShouldHaveEnded} and a report of the thread when it is
     * still inside at the deadline.
     */
    public T awaitResult(Duration deadline, String whyItShouldHaveEnded) throws InterruptedException {
        return awaitResult(deadline, deadline, whyItShouldHaveEnded);
    }

    /**
     * {@link #awaitResult(Duration, String)} for a call that should end now, because the test has
     * just done what it waits for: fails as soon as the call's thread has stayed in one wait
     * (waiting, timed waiting, or blocked on a monitor, not woken in between) for {@code quiet}.
     * A woken thread runs within milliseconds even on a busy machine; one that sleeps on that
     * long was not woken.
     */
    public T awaitResult(Duration deadline, Duration quiet, String whyItShouldHaveEnded) throws InterruptedException {
        long start = System.nanoTime();
        if (!awaitEnd(deadline, quiet)) {
            throw stuck("""
                    "%s" was still inside its call after %s.
                    %s""".formatted(name, Durations.readable(since(start)), whyItShouldHaveEnded));
        }
        return result();
    }

    /**
     * Waits, at most {@code deadline}, until the call is waiting for something (its thread is in
     * {@code join}, {@code sleep}, {@code await}, {@code wait} or {@code park}) or has ended; false
     * when it was still busy at the deadline. Lets a test hold back what the call waits for until
     * the call has had its chance to wait. A thread blocked entering a monitor does not count: it
     * waits for a lock, not for the thing the test controls.
     */
    public boolean awaitWaitingOrDone(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                var state = thread.getState();
                if (isDone() || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    return true;
                }
                if (System.nanoTime() - end >= 0) {
                    return false;
                }
                Thread.sleep(POLL_INTERVAL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching \"" + name + "\"", e);
        }
    }

    /**
     * Waits until the call has ended or stands still: waiting, or blocked on a monitor that another
     * thread keeps (a thread the test stopped while it held the lock, say). Fails, saying where the
     * call stands, when its thread is still running at the deadline.
     */
    public void awaitSettled(Duration deadline) {
        boolean settled = ThreadWatch.pollUntil(deadline,
                () -> isDone() || thread.getState() != Thread.State.RUNNABLE);
        if (!settled) {
            throw new AssertionError("\"%s\" neither ended nor waited within %d ms:%n%s"
                    .formatted(name, deadline.toMillis(), describe()));
        }
    }

    /**
     * {@link #awaitDone(Duration)} for a call that should end now, because the test has just done
     * what it waits for: false as soon as the call's thread has stayed in one wait (the same state,
     * no new wait or block begun) for {@code quiet}, without waiting out {@code deadline}. Unlike
     * {@link #awaitResult(Duration, Duration, String)}, it leaves the call alone, so that the test
     * can look at where it waits and say why.
     */
    public boolean awaitDone(Duration deadline, Duration quiet) {
        try {
            return awaitEnd(deadline, quiet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for \"" + name + "\"", e);
        }
    }

    /** Waits, at most {@code deadline}, for the call to return or throw; true when it has. */
    public boolean awaitDone(Duration deadline) {
        try {
            return done.await(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for \"" + name + "\"", e);
        }
    }

    /**
     * What the finished call returned; fails, naming the thread, when it threw.
     *
     * @throws IllegalStateException when the call has not ended yet: await it first
     */
    public T result() {
        if (!isDone()) {
            throw new IllegalStateException("the call on \"" + name + "\" has not returned yet: awaitDone(...) first");
        }
        if (thrown != null) {
            throw new AssertionError("\"%s\" threw %s%s".formatted(name, thrown, whereThrown()), thrown);
        }
        return result;
    }

    /** Where the call stands now, for a failure message: returned, or its thread's state and code. */
    public String describe() {
        return isDone() ? "  the call on \"" + name + "\" has returned" : ThreadReport.describe(List.of(thread)).stripTrailing();
    }

    /** True once the call has returned or thrown. */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** The thread making the call. */
    public Thread thread() {
        return thread;
    }

    /**
     * Waits until the call has ended (true), or until {@code deadline} has passed or its thread
     * has stayed for {@code quiet} in one wait: the same state, and no new wait or block begun.
     */
    private boolean awaitEnd(Duration deadline, Duration quiet) throws InterruptedException {
        long start = System.nanoTime();
        long last = start;
        long quietFor = 0;
        var lastSeen = "";
        while (!done.await(POLL_INTERVAL.toNanos(), TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            if (now - start >= deadline.toNanos()) {
                return false;
            }
            var info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.threadId());
            var seen = info == null || !isParked(info.getThreadState()) || isAboutToWake(info) ? ""
                    : info.getThreadState() + "/" + info.getWaitedCount() + "/" + info.getBlockedCount();
            if (seen.isEmpty() || !seen.equals(lastSeen)) {
                quietFor = 0;
                lastSeen = seen;
            } else {
                quietFor += Math.min(now - last, MOST_COUNTED_PER_LOOK.toNanos());
                if (quietFor >= quiet.toNanos()) {
                    return false;
                }
            }
            last = now;
        }
        return true;
    }

    /**
     * A thread that waits, or sleeps, with its interrupt flag still set has not run since it was
     * interrupted: every interruptible wait ends at an interrupt, and every wait that ignores one
     * clears the flag as it goes back to waiting. It will wake as soon as it gets a core, so its
     * quiet time has not begun. (Blocked entering a monitor, it really is stuck: that wait ignores
     * interrupts and leaves the flag set.)
     */
    private boolean isAboutToWake(ThreadInfo info) {
        return info.getThreadState() != Thread.State.BLOCKED && thread.isInterrupted();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * True when the thread, seen parked, is still parked and inside the call a moment later: a
     * thread parked for good, not one that paused for an instant on its way out of the call.
     */
    private boolean staysParked() throws InterruptedException {
        Thread.sleep(SECOND_LOOK);
        return !isDone() && isParked(thread.getState());
    }

    private static boolean isParked(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    private String outcome() {
        if (thrown != null) {
            return "threw " + thrown;
        }
        if (!returnsValue) {
            return "returned";
        }
        return "returned " + (result instanceof String text ? "\"" + text + "\"" : String.valueOf(result));
    }

    private String whereThrown() {
        return StackFrames.shown(thrown.getStackTrace()).stream().map(line -> "\n    " + line).collect(Collectors.joining());
    }

    /**
     * The failure for a call that is stuck: the message, then a report of its thread and of the
     * thread holding the lock it waits for (often the one to blame), or a note that the holder
     * has ended without ever releasing it.
     */
    private AssertionError stuck(String message) {
        var info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.threadId());
        var described = new ArrayList<Thread>(List.of(thread));
        var note = "";
        if (info != null && info.getLockOwnerId() >= 0) {
            var owner = Thread.getAllStackTraces().keySet().stream()
                    .filter(other -> other.threadId() == info.getLockOwnerId())
                    .findFirst();
            owner.ifPresent(described::add);
            if (owner.isEmpty()) {
                note = "\n  \"%s\" has ended, and never released that lock.".formatted(info.getLockOwnerName());
            }
        }
        var report = ThreadReport.describe(described).stripTrailing() + note;
        thread.interrupt();
        return new AssertionError(message + "\n" + report);
    }
}
