package l10a_event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.runner.explain.ScenarioThreads;
import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;

class EventTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** How long released waiters get to return: each needs the event's lock once, for a moment. */
    private static final Duration RELEASE = Duration.ofSeconds(1);
    /** How long a call that should go on now may stay in one wait before it counts as never woken. */
    private static final Duration QUIET = Duration.ofMillis(250);
    /** The timeout of a wait that should run out: long enough to tell waiting from not waiting. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    /** The timeout of a wait that nothing ends, measured to see it waits it out: nothing else has to happen meanwhile. */
    private static final Duration WAITED_OUT = Duration.ofMillis(100);
    /** The timeout of a wait that a set() should end long before it runs out. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);
    private static final int WAITERS = 4;
    /** How many times to try the clear-right-after-set interleaving before calling an answer right. */
    private static final int SET_CLEAR_TRIALS = 5;
    /** How long to race a set() against an await() that is just starting. */
    private static final Duration ARRIVAL_RACE_BUDGET = Duration.ofMillis(200);
    /** How long several threads call every operation at once: each call must hold the lock it took. */
    private static final Duration MIXED_CALLS_BUDGET = Duration.ofMillis(150);

    private static final String NOTHING_TO_WAIT_FOR = """
            This call has nothing to wait for. If its thread waits for the event's lock, an earlier \
            call kept the lock: one that returned or threw without unlock() (unlock in a finally block).""";

    /** In a JVM with the JIT on: another thread keeps asking isSet() while set() is called. */
    static final class IsSetProbe {
        public static void main(String[] args) {
            StaleReads.watch(new Event(), Event::isSet, Event::set);
        }
    }

    private final List<BlockingCall<?>> calls = new ArrayList<>();

    @AfterEach
    void interruptCallsLeftWaiting() {
        calls.forEach(BlockingCall::interrupt);
    }

    @Test
    @DisplayName("set() sets the flag and clear() clears it; on a set event await() returns true at once")
    void setAndClear() throws InterruptedException {
        var event = new Event();
        assertThat(isSet(event)).as("isSet() of a new event").isFalse();
        set(event);
        assertThat(isSet(event)).as("isSet() after set()").isTrue();
        assertThat(awaitAtOnce(event, LONG_TIMEOUT)).as("await(10 s) on an event that is set").isTrue();
        set(event);
        assertThat(isSet(event)).as("isSet() after set() twice").isTrue();
        clear(event);
        assertThat(isSet(event)).as("isSet() after clear()").isFalse();
        assertThat(awaitAtOnce(event, Duration.ZERO)).as("await(0) on an event that was set, then cleared").isFalse();
        set(event);
        assertThat(isSet(event)).as("isSet() after set(), clear() and one more set()").isTrue();
        assertThat(awaitAtOnce(event, Duration.ZERO)).as("await(0) after set(), clear() and one more set()").isTrue();
    }

    @Test
    @DisplayName("set(), clear(), isSet() and await() from several threads at once neither throw nor hang")
    void everyOperationAtOnce() throws InterruptedException {
        var event = new Event();
        long end = System.nanoTime() + MIXED_CALLS_BUDGET.toNanos();
        Workers.start("caller", WAITERS, index -> {
            while (System.nanoTime() < end) {
                switch (index) {
                    case 0 -> event.set();
                    case 1 -> event.clear();
                    case 2 -> event.isSet();
                    default -> event.await(Duration.ofNanos(ThreadLocalRandom.current().nextLong(2_000_000)));
                }
            }
        }).awaitCompletion(MIXED_CALLS_BUDGET.plus(SOON));
    }

    @Test
    @DisplayName("a zero, a negative and a sub-millisecond timeout only look, on a clear event and on a set one")
    void edgeTimeoutsOnlyLook() throws InterruptedException {
        var event = new Event();
        for (var timeout : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(500), Duration.ofNanos(1))) {
            assertThat(awaitAtOnce(event, timeout)).as("await(%s) on a clear event", timeout).isFalse();
        }
        set(event);
        for (var timeout : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofNanos(500))) {
            assertThat(awaitAtOnce(event, timeout)).as("await(%s) on a set event", timeout).isTrue();
        }
    }

    @Test
    @DisplayName("await() on a clear event waits out its whole timeout, then returns false; a set() that was cleared before it began does not count")
    void awaitWaitsOutItsTimeout() throws InterruptedException {
        var event = new Event();
        set(event);
        clear(event);
        var timed = track(BlockingCall.call("waiter", timed(() -> event.await(WAITED_OUT))));
        var outcome = timed.awaitResult(WAITED_OUT.plus(SOON), WAITED_OUT.plus(QUIET), """
                await(100 ms) on a clear event must give up once 100 ms have passed in all: wait only for \
                the time that is left after each wake-up, and return false when it is used up.""");
        if (outcome.released()) {
            throw new AssertionError("""
                    await(100 ms) returned true after %s, but the event was clear all along: set() and clear() \
                    had both been called before await() began.
                    Why: a set() releases only the threads waiting at that moment; one that starts waiting \
                    after a clear() waits for the next set(). A count or a latch that is never reset, or a \
                    "was ever set" flag, remembers a set() that is over.""".formatted(outcome.tookReadably()));
        }
        if (outcome.took().compareTo(WAITED_OUT) < 0) {
            throw new AssertionError("""
                    await(100 ms) on a clear event returned false after only %s.
                    Why: false means "the whole timeout passed and nobody called set()". Wait for the whole \
                    timeout, in a loop that waits again for the time left after every early wake-up."""
                    .formatted(outcome.tookReadably()));
        }
    }

    @Test
    @DisplayName("one set() releases every thread waiting in await(), all of them")
    void oneSetReleasesEveryWaiter() throws InterruptedException {
        var event = new Event();
        var waiters = startWaiters(event, "waiter");
        set(event);
        long setAt = System.nanoTime();
        long end = setAt + RELEASE.toNanos();
        for (int i = 0; i < WAITERS; i++) {
            var waiter = waiters.get(i);
            if (!waiter.awaitDone(Duration.ofNanos(Math.max(0, end - System.nanoTime())), QUIET)) {
                throw new AssertionError("""
                        %d threads waited in await(10 s); set() was called once, and %s later "%s" is still \
                        waiting (%d of %d released).
                        Why: set() must wake every waiter, not one: signalAll() or notifyAll(), not signal() or \
                        notify(). A waiter that is woken does not pass the wake-up on.
                        %s""".formatted(WAITERS, Durations.readable(Duration.ofNanos(System.nanoTime() - setAt)), waiter.thread().getName(),
                        waiters.stream().filter(BlockingCall::isDone).count(), WAITERS, waiter.describe()));
            }
            assertThat(waiter.result()).as("what await(10 s) in \"%s\" returned after set()", waiter.thread().getName()).isTrue();
        }
    }

    @Test
    @DisplayName("a clear() right after set() strands none of the waiters that set() released")
    void clearRightAfterSetStrandsNobody() throws InterruptedException {
        for (int trial = 0; trial < SET_CLEAR_TRIALS; trial++) {
            var event = new Event();
            var waiters = startWaiters(event, "waiter");
            var waitsBefore = waiters.stream().mapToLong(waiter -> ThreadWatch.timesWaited(waiter.thread())).toArray();
            run("set() and, right after it, clear()", () -> {
                event.set();
                event.clear();
            });
            long setAt = System.nanoTime();
            long end = setAt + RELEASE.toNanos();
            for (int i = 0; i < WAITERS; i++) {
                var waiter = waiters.get(i);
                long before = waitsBefore[i];
                boolean settled = ThreadWatch.pollUntil(Duration.ofNanos(Math.max(0, end - System.nanoTime())),
                        () -> waiter.isDone() || wentBackToWaiting(waiter, event, before) || neverWoken(waiter, before, setAt));
                settled = settled && !neverWoken(waiter, before, setAt);
                if (!waiter.isDone()) {
                    throw new AssertionError("""
                            %d threads waited in await(10 s). The test called set() and, right after it, clear(). \
                            %s, "%s" %s.
                            Why: set() released every thread waiting at that moment. A woken waiter gets the lock \
                            back only after the clear(), so if it decides by looking at the flag again, it finds \
                            it clear and waits again, for a set() that already happened. Tell a waiter that a \
                            set() came while it waited (count the set() calls, or give each set() a latch of its \
                            own), and let it return true.
                            %s""".formatted(WAITERS, settled ? "Then" : Durations.readable(Duration.ofNanos(System.nanoTime() - setAt)) + " later",
                            waiter.thread().getName(), settled ? "went back to waiting" : "was still waiting",
                            waiter.describe()));
                }
                assertThat(waiter.result())
                        .as("what await(10 s) in \"%s\" returned after set() and clear() (a set() came while it waited)",
                                waiter.thread().getName())
                        .isTrue();
            }
        }
    }

    @Test
    @DisplayName("a set() that comes while await() is just starting releases it")
    void setDuringTheStartOfAwaitReleasesIt() throws InterruptedException {
        long end = System.nanoTime() + ARRIVAL_RACE_BUDGET.toNanos();
        do {
            var event = new Event();
            var waiter = track(BlockingCall.call("waiter", () -> event.await(LONG_TIMEOUT)));
            set(event);
            if (!waiter.awaitDone(RELEASE)) {
                throw new AssertionError("""
                        A thread called await(10 s) while the test called set(), and %s later it is still waiting.
                        Why: the waiter looked at the flag, found it clear, and then began to wait; set() came \
                        in between, and its wake-up was lost. Look at the flag and begin the wait under the \
                        same lock that set() takes (or wait on something that stays open once set, a latch).
                        %s""".formatted(Durations.readable(RELEASE), waiter.describe()));
            }
            assertThat(waiter.result()).as("what await(10 s) returned when set() came as it started").isTrue();
        } while (System.nanoTime() < end);
    }

    @Test
    @DisplayName("an interrupt ends a waiting await() with InterruptedException, changes nothing and leaves no lock held")
    void interruptWhileWaiting() throws InterruptedException {
        var event = new Event();
        var waiter = track(BlockingCall.call("waiter", () -> event.await(LONG_TIMEOUT)));
        waiter.assertBlocks(SOON, "await(10 s) on a clear event");
        waiter.interrupt();
        waiter.assertThrowsInterruptedException(SOON, "await(10 s) on a clear event");
        afterAnInterruptOthersCanStillSet(event);
    }

    @Test
    @DisplayName("await() on a thread that is already interrupted throws InterruptedException instead of waiting")
    void interruptBeforeTheCall() throws InterruptedException {
        var event = new Event();
        var waiter = track(BlockingCall.callInterrupted("waiter", () -> event.await(LONG_TIMEOUT)));
        waiter.assertThrowsInterruptedException(SOON, "await(10 s) on a thread whose interrupt flag was already set");
        afterAnInterruptOthersCanStillSet(event);
    }

    @Test
    @DisplayName("two events are independent: setting one releases nobody waiting on the other")
    void twoEventsAreIndependent() throws InterruptedException {
        var first = new Event();
        var second = new Event();
        var waiter = track(BlockingCall.call("first-waiter", () -> first.await(LONG_TIMEOUT)));
        var shortWaiter = track(BlockingCall.call("short-first-waiter", () -> first.await(SHORT_TIMEOUT)));
        waiter.assertBlocks(SOON, "await(10 s) on the first event");
        shortWaiter.assertBlocks(SOON, "await(200 ms) on the first event");
        set(second);
        assertThat(shortWaiter.awaitResult(SHORT_TIMEOUT.plus(SOON), "await(200 ms) on the first event should have timed out."))
                .as("""
                        what await(200 ms) on the first event returned; only the second event was set while it waited.
                        Why: every event has its own state; a static field (a flag, a count of sets) is shared by \
                        every event, and a set() of one then looks like a set() of all.""")
                .isFalse();
        assertThat(isSet(first))
                .as("""
                        isSet() of the first event after set() of the second one.
                        Why: every event has its own flag; a static field is one flag shared by every event.""")
                .isFalse();
        waiter.assertBlocks(SOON, "await(10 s) on the first event, after only the second event was set");
        set(first);
        assertThat(waiter.awaitResult(RELEASE, "set() of the first event should have released its waiter.")).isTrue();
    }

    @Test
    @DisplayName("compiled by the JIT, isSet() still sees set() from another thread")
    void isSetSeesSetFromAnotherThread() {
        StaleReads.assertSeen(IsSetProbe.class, "isSet()", "set()");
    }

    /** What an await returned, and how long it took. */
    private record Outcome(boolean released, Duration took) {
        String tookReadably() {
            return Durations.readable(took);
        }
    }

    private static Callable<Outcome> timed(Callable<Boolean> await) {
        return () -> {
            long start = System.nanoTime();
            boolean released = await.call();
            return new Outcome(released, Duration.ofNanos(System.nanoTime() - start));
        };
    }

    private <T> BlockingCall<T> track(BlockingCall<T> call) {
        calls.add(call);
        return call;
    }

    /** Starts {@value #WAITERS} threads in await(10 s) and returns once every one of them waits. */
    private List<BlockingCall<Boolean>> startWaiters(Event event, String name) throws InterruptedException {
        var waiters = new ArrayList<BlockingCall<Boolean>>();
        for (int i = 0; i < WAITERS; i++) {
            waiters.add(track(BlockingCall.call(name + "-" + i, () -> event.await(LONG_TIMEOUT))));
        }
        for (var waiter : waiters) {
            waiter.assertBlocks(SOON, "await(10 s) on a clear event, in \"" + waiter.thread().getName() + "\"");
        }
        return waiters;
    }

    /**
     * True when the waiter has begun no new wait since set() and still waits, {@link #QUIET} after
     * set() returned: set() never woke it (a woken waiter runs within milliseconds, even on a busy
     * machine, and takes the lock back or returns).
     */
    private static boolean neverWoken(BlockingCall<?> waiter, long waitsBefore, long setAt) {
        var state = waiter.thread().getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && ThreadWatch.timesWaited(waiter.thread()) == waitsBefore && System.nanoTime() - setAt >= QUIET.toNanos();
    }

    /** True when the waiter, woken, waits again for a signal (not for a lock): its wait count went up. */
    private static boolean wentBackToWaiting(BlockingCall<?> waiter, Event event, long waitsBefore) {
        var thread = waiter.thread();
        return ThreadWatch.timesWaited(thread) > waitsBefore && ThreadWatch.isWaitingForACondition(thread, event);
    }

    /**
     * Calls await() with a timeout that must not make it wait (the event is set, or the timeout is
     * used up already), and fails fast when the call waits with no timeout at all.
     */
    private boolean awaitAtOnce(Event event, Duration timeout) throws InterruptedException {
        var call = track(BlockingCall.call("waiter", () -> event.await(timeout)));
        ThreadWatch.pollUntil(SOON, () -> call.isDone() || waitsForEver(call.thread()));
        if (!call.isDone()) {
            throw new AssertionError("""
                    await(%s) %s.
                    Why: %s
                    %s""".formatted(timeout, waitsForEver(call.thread())
                            ? "waits with no timeout at all (its thread is WAITING, not TIMED_WAITING)"
                            : "was still inside the call after " + Durations.readable(SOON),
                    timeout.toNanos() > 0 && timeout.toMillis() == 0
                            ? "Duration.toMillis() of a timeout under a millisecond is 0, and wait(0) means \"wait for ever\". Count the time in nanoseconds (awaitNanos, or a latch's await(nanos, NANOSECONDS)), or return at once when no time is left."
                            : "a timeout that is used up already (zero or negative) means \"only look\"; an event that is set means \"return true at once\". " + NOTHING_TO_WAIT_FOR,
                    call.describe()));
        }
        return call.result();
    }

    /** The thread is parked with no timeout, and still is a moment later. */
    private static boolean waitsForEver(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching " + thread.getName(), e);
        }
        return thread.getState() == Thread.State.WAITING;
    }

    private void afterAnInterruptOthersCanStillSet(Event event) throws InterruptedException {
        var asker = track(BlockingCall.call("asker", event::isSet));
        if (!asker.awaitDone(RELEASE, QUIET)) {
            throw new AssertionError("""
                    After a waiter was interrupted, isSet() from another thread did not return; it is still inside.
                    Why: the interrupted await() left the event's lock held. await() takes the lock back \
                    before it throws InterruptedException: release it in a finally block, on every way out.
                    %s""".formatted(asker.describe()));
        }
        assertThat(asker.result()).as("isSet() after a waiter was interrupted: nobody called set()").isFalse();
        set(event);
        assertThat(isSet(event)).as("isSet() after set(), once the interrupted waiter was gone").isTrue();
        assertThat(awaitAtOnce(event, Duration.ZERO)).as("await(0) after set()").isTrue();
    }

    private boolean isSet(Event event) throws InterruptedException {
        return call("isSet()", event::isSet);
    }

    private void set(Event event) throws InterruptedException {
        run("set()", event::set);
    }

    private void clear(Event event) throws InterruptedException {
        run("clear()", event::clear);
    }

    private void run(String what, BlockingCall.Action action) throws InterruptedException {
        call(what, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Makes a call that has nothing to wait for on a thread of its own, so that a lock some earlier
     * call left held fails the test instead of hanging it.
     */
    private <T> T call(String what, Callable<T> call) throws InterruptedException {
        var made = track(BlockingCall.call("caller", call));
        if (!made.awaitDone(RELEASE, QUIET)) {
            throw new AssertionError("%s did not return; it is still inside.\n%s\n%s".formatted(
                    what, NOTHING_TO_WAIT_FOR, made.describe()));
        }
        return made.result();
    }

    /**
     * What {@code ./workbook explain} runs on real threads: three threads wait for one event (at
     * most 30 s each) and, once all three wait, a fourth sets it and clears it at once. Every waiter
     * must return; one still waiting is a wake-up lost.
     */
    static final class WakeUpScenario implements Runnable {
        @Override
        public String toString() {
            return "three threads wait in await(30 s) on one event; once all three wait, a fourth calls set() and then clear()";
        }

        @Override
        public void run() {
            var event = new Event();
            var released = new AtomicInteger();
            ScenarioThreads.Body waiter = () -> {
                if (event.await(Duration.ofSeconds(30))) {
                    released.incrementAndGet();
                }
            };
            ScenarioThreads.runTogether(ScenarioThreads.named("waiter-1", waiter), ScenarioThreads.named("waiter-2", waiter),
                    ScenarioThreads.named("waiter-3", waiter), ScenarioThreads.named("setter-1", () -> {
                        ScenarioThreads.awaitTheOthersWaiting();
                        event.set();
                        event.clear();
                    }));
            if (released.get() != 3) {
                throw new AssertionError("set() came while three threads waited in await(30 s), and await() returned true for "
                        + released.get() + " of them");
            }
        }
    }
}
