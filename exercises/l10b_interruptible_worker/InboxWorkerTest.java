package l10b_interruptible_worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.ThreadWatch;

class InboxWorkerTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** How soon run() must return once it is asked to stop: an interrupt wakes a take() in microseconds. */
    private static final Duration PROMPTLY = Duration.ofMillis(500);
    /** How long to race stop() against a run() that is just starting. */
    private static final Duration START_RACE_BUDGET = Duration.ofMillis(100);

    private static final String WAKE_A_BLOCKED_TAKE = """
            Why: a worker blocked in take() on an empty inbox looks at no flag until an item comes, \
            which may be never. Only an interrupt ends the wait: stop() must interrupt the thread that \
            runs the worker (keep it in a volatile field that run() sets), not its own thread.""";

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();

    @AfterEach
    void endWhatIsStillRunning() {
        handlers.forEach(Handler::release);
        runs.forEach(run -> run.call.interrupt());
    }

    @Test
    @DisplayName("the worker hands every item to the handler in order, then waits in take() for more")
    void handlesItemsInOrder() throws InterruptedException {
        var inbox = new Inbox("a", "b", "c");
        var handler = handler();
        var worker = new InboxWorker<>(inbox, handler);
        var run = start(worker);
        assertThat(ThreadWatch.pollUntil(SOON, () -> handler.handled().size() == 3 || run.call.isDone()))
                .as("the worker should have handled a, b and c within %s; it handled %s", "2 s", handler.handled())
                .isTrue();
        run.call.assertBlocks(SOON, "run() on an empty inbox, after handling every item");
        assertThat(handler.handled()).as("the items the handler got, in order").containsExactly("a", "b", "c");
        stopNow(worker);
        run.assertReturnsPromptly("after stop(), while it waited in take() on an empty inbox", WAKE_A_BLOCKED_TAKE);
    }

    @Test
    @DisplayName("stop() ends a worker blocked in take() on an empty inbox, promptly")
    void stopWakesAWorkerBlockedInTake() throws InterruptedException {
        var inbox = new Inbox();
        var worker = new InboxWorker<>(inbox, handler());
        var run = start(worker);
        run.call.assertBlocks(SOON, "run() on an empty inbox");
        stopNow(worker);
        run.assertReturnsPromptly("after stop(), while it waited in take() on an empty inbox", WAKE_A_BLOCKED_TAKE);
    }

    @Test
    @DisplayName("a stop() made before run() starts is not lost: run() returns without taking an item")
    void stopBeforeRunTakesNothing() throws InterruptedException {
        var inbox = new Inbox("a");
        var handler = handler();
        var worker = new InboxWorker<>(inbox, handler);
        stopNow(worker);
        var run = start(worker);
        run.assertReturnsPromptly("when stop() had been called before it started", """
                Why: a stop request must not depend on the worker already running. Record it in a flag \
                that run() checks before it takes anything, and interrupt only a thread that is there.""");
        assertThat(handler.handled()).as("items handled by a worker stopped before it started").isEmpty();
        assertThat(inbox.size()).as("items left in the inbox of a worker stopped before it started").isEqualTo(1);
    }

    @Test
    @DisplayName("stop() during an item returns at once; the worker finishes that item and takes no other")
    void stopDuringAnItemFinishesItAndTakesNoMore() throws InterruptedException {
        var inbox = new Inbox("a", "b", "c");
        var handler = handler();
        handler.holdOn("a");
        var worker = new InboxWorker<>(inbox, handler);
        var run = start(worker);
        handler.awaitHolding("a");
        var stop = BlockingCall.run("stopper", worker::stop);
        if (!stop.awaitDone(PROMPTLY)) {
            throw new AssertionError("""
                    stop(), called while the handler was busy with an item, had not returned after %s.
                    Why: stop() only asks; it must not wait for the worker to finish (nor join its thread). \
                    A caller that must wait joins the thread itself.
                    %s""".formatted(Durations.readable(PROMPTLY), stop.describe()));
        }
        stop.result();
        handler.release();
        run.assertReturnsPromptly("after stop() came while it handled an item", """
                Why: once the item in hand is done, the loop must look at the stop request before it \
                takes the next item.""");
        assertThat(handler.handled()).as("""
                items the handler finished: stop() came during a, so a must be finished and nothing else \
                taken""").containsExactly("a");
        assertThat(inbox.size()).as("items left in the inbox (b and c were never taken)").isEqualTo(2);
    }

    @Test
    @DisplayName("a stop() that comes just as take() hands out an item: the item is still handled")
    void stopJustAsTakeReturnsStillHandlesTheItem() throws InterruptedException {
        var inbox = new Inbox("a", "b");
        var handler = handler();
        var worker = new InboxWorker<>(inbox, handler);
        inbox.onTake(item -> worker.stop());
        var run = start(worker);
        run.assertReturnsPromptly("after stop() came as take() returned the first item", """
                Why: stop() came after take() had removed the item, so the loop must look at the request \
                before its next take, not between a take and the handler.""");
        assertThat(handler.handled()).as("""
                items handled: stop() came just as take() returned a. An item taken out of the inbox is in \
                the worker's hand: dropping it loses it for good, it is in the inbox no more. Hand it to the \
                handler, then stop""").containsExactly("a");
        assertThat(inbox.size()).as("items left in the inbox (b was never taken)").isEqualTo(1);
    }

    @Test
    @DisplayName("an interrupt ends a worker blocked in take(), promptly, and run() returns with the interrupt status set")
    void interruptWakesAWorkerBlockedInTake() throws InterruptedException {
        var inbox = new Inbox();
        var worker = new InboxWorker<>(inbox, handler());
        var run = start(worker);
        run.call.assertBlocks(SOON, "run() on an empty inbox");
        long waitsBefore = ThreadWatch.timesWaited(run.call.thread());
        run.call.interrupt();
        run.assertEndsOnInterrupt("while it waited in take() on an empty inbox", waitsBefore);
    }

    @Test
    @DisplayName("an interrupt during an item: the worker finishes the item, takes no other, and returns with the status set")
    void interruptDuringAnItemFinishesItAndTakesNoMore() throws InterruptedException {
        var inbox = new Inbox("a", "b");
        var handler = handler();
        handler.holdOn("a");
        var worker = new InboxWorker<>(inbox, handler);
        var run = start(worker);
        handler.awaitHolding("a");
        run.call.interrupt();
        handler.release();
        run.assertEndsOnInterrupt("while the handler was busy with an item", -1);
        assertThat(handler.handled()).as("items the handler finished: the interrupt came during a").containsExactly("a");
        assertThat(inbox.size()).as("items left in the inbox (b was never taken)").isEqualTo(1);
    }

    @Test
    @DisplayName("an interrupt that comes just as take() hands out an item: the item is still handled")
    void interruptJustAsTakeReturnsStillHandlesTheItem() throws InterruptedException {
        var inbox = new Inbox("a", "b");
        var handler = handler();
        var worker = new InboxWorker<>(inbox, handler);
        inbox.onTake(item -> Thread.currentThread().interrupt());
        var run = start(worker);
        run.assertEndsOnInterrupt("when the interrupt came as take() returned the first item", -1);
        assertThat(handler.handled()).as("""
                items handled: the interrupt came just as take() returned a. That item is out of the inbox \
                and in the worker's hand: hand it to the handler, then stop""").containsExactly("a");
        assertThat(inbox.size()).as("items left in the inbox (b was never taken)").isEqualTo(1);
    }

    @Test
    @DisplayName("run() on a thread that is already interrupted takes no item and keeps the status set")
    void interruptBeforeRunTakesNothing() throws InterruptedException {
        var inbox = new Inbox("a");
        var handler = handler();
        var worker = new InboxWorker<>(inbox, handler);
        var run = new Run(worker, true);
        runs.add(run);
        run.assertEndsOnInterrupt("on a thread whose interrupt status was set before run() began", -1);
        assertThat(handler.handled()).as("items handled by a worker whose thread was interrupted before run()").isEmpty();
        assertThat(inbox.size()).as("items left in the inbox").isEqualTo(1);
    }

    @Test
    @DisplayName("stopping one worker leaves another one running")
    void twoWorkersStopIndependently() throws InterruptedException {
        var firstInbox = new Inbox();
        var secondInbox = new Inbox();
        var secondHandler = handler();
        var first = new InboxWorker<>(firstInbox, handler());
        var second = new InboxWorker<>(secondInbox, secondHandler);
        var firstRun = start(first);
        var secondRun = start(second);
        firstRun.call.assertBlocks(SOON, "the first worker's run() on an empty inbox");
        secondRun.call.assertBlocks(SOON, "the second worker's run() on an empty inbox");
        stopNow(first);
        firstRun.assertReturnsPromptly("after its stop()", WAKE_A_BLOCKED_TAKE);
        secondInbox.add("x");
        boolean handled = ThreadWatch.pollUntil(SOON, () -> secondHandler.handled().contains("x") || secondRun.call.isDone());
        assertThat(handled && !secondRun.call.isDone())
                .as("""
                        The second worker should have handled "x", put into its inbox after the first worker was \
                        stopped; it %s.
                        Why: each worker has its own stop request and its own thread. A static field is one \
                        flag, or one thread, shared by every worker.""",
                        secondRun.call.isDone() ? "had stopped as well" : "did not, within 2 s")
                .isTrue();
        stopNow(second);
        secondRun.assertReturnsPromptly("after its stop()", WAKE_A_BLOCKED_TAKE);
    }

    @Test
    @DisplayName("a stop() that races a run() just starting ends it")
    void stopRacingTheStartOfRun() throws InterruptedException {
        long end = System.nanoTime() + START_RACE_BUDGET.toNanos();
        do {
            var worker = new InboxWorker<>(new Inbox(), handler());
            var run = start(worker);
            stopNow(worker);
            run.assertReturnsPromptly("when stop() was called while run() was starting", """
                    Why: stop() came after run() had looked at the flag, but before stop() could see the \
                    thread to interrupt, or the other way round. Record the running thread before run() \
                    first looks at the flag, and in stop() set the flag before you look for the thread: \
                    with both fields volatile, one side always sees the other.""");
        } while (System.nanoTime() < end);
    }

    private Handler handler() {
        var handler = new Handler();
        handlers.add(handler);
        return handler;
    }

    private Run start(InboxWorker<String> worker) {
        var run = new Run(worker, false);
        runs.add(run);
        return run;
    }

    /** Calls stop() on a thread of its own: it must return at once. */
    private static void stopNow(InboxWorker<String> worker) throws InterruptedException {
        var stop = BlockingCall.run("stopper", worker::stop);
        if (!stop.awaitDone(PROMPTLY)) {
            throw new AssertionError("""
                    stop() had not returned after %s.
                    Why: stop() only asks the worker to stop; it must not wait for it.
                    %s""".formatted(Durations.readable(PROMPTLY), stop.describe()));
        }
        stop.result();
    }

    /** A run() of the worker on a thread of its own, which notes the thread's interrupt status when run() returns. */
    private static final class Run {
        final BlockingCall<Void> call;
        private final AtomicBoolean interruptedAfterRun = new AtomicBoolean();

        Run(InboxWorker<String> worker, boolean interruptedBefore) {
            BlockingCall.Action body = () -> {
                worker.run();
                interruptedAfterRun.set(Thread.currentThread().isInterrupted());
            };
            call = interruptedBefore ? BlockingCall.runInterrupted("worker", body) : BlockingCall.run("worker", body);
        }

        void assertReturnsPromptly(String when, String why) throws InterruptedException {
            if (!call.awaitDone(PROMPTLY)) {
                throw new AssertionError("run() was still running %s later, %s.\n%s\n%s".formatted(
                        Durations.readable(PROMPTLY), when, why, call.describe()));
            }
            call.result();
        }

        /**
         * run() must return promptly after an interrupt, with the status set again; a worker that
         * went back to waiting (its wait count rose past {@code waitsBefore}) fails at once.
         */
        void assertEndsOnInterrupt(String when, long waitsBefore) throws InterruptedException {
            var thread = call.thread();
            boolean waitsAgain = ThreadWatch.pollUntil(PROMPTLY, () -> call.isDone()
                    || waitsBefore >= 0 && ThreadWatch.timesWaited(thread) > waitsBefore && isWaiting(thread.getState()))
                    && !call.isDone();
            if (!call.isDone()) {
                throw new AssertionError("""
                        The worker's thread was interrupted %s, and %s.
                        Why: an interrupt is a request to stop. Catching InterruptedException and going round \
                        the loop again ignores it (and the exception cleared the status, so nothing remembers \
                        it): leave the loop and return.
                        %s""".formatted(when, waitsAgain ? "run() went back to waiting"
                        : "run() had not returned " + Durations.readable(PROMPTLY) + " later", call.describe()));
            }
            call.result();
            assertThat(interruptedAfterRun.get())
                    .as("""
                            the thread's interrupt status when run() returned, after an interrupt %s.
                            Why: InterruptedException clears the status when it is thrown. run() cannot throw it on, \
                            so it must set the status again (Thread.currentThread().interrupt()) before it returns: \
                            the code that owns the thread (an executor, a caller that will join it) needs to see \
                            that it was interrupted""", when)
                    .isTrue();
        }
    }

    private static boolean isWaiting(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * The inbox the tests give a worker: a queue that can run a hook just as take() or poll()
     * hands out an item, from inside the worker's own call, to make a stop or an interrupt arrive
     * at exactly that moment.
     */
    private static final class Inbox extends LinkedBlockingQueue<String> {
        private volatile Consumer<String> onTake = item -> {};
        private final AtomicBoolean hookRan = new AtomicBoolean();

        Inbox(String... items) {
            super(List.of(items));
        }

        void onTake(Consumer<String> hook) {
            onTake = hook;
        }

        @Override
        public String take() throws InterruptedException {
            return handedOut(super.take());
        }

        @Override
        public String poll(long timeout, TimeUnit unit) throws InterruptedException {
            return handedOut(super.poll(timeout, unit));
        }

        private String handedOut(String item) {
            if (item != null && hookRan.compareAndSet(false, true)) {
                onTake.accept(item);
            }
            return item;
        }
    }

    /**
     * The handler the tests give a worker: records each item once it is done with it, and can hold
     * one chosen item until the test lets it go. While held it notes an interrupt and keeps it, so
     * that the worker sees it afterwards, as a handler that respects interrupts would.
     */
    private static final class Handler implements Consumer<String> {
        private final List<String> handled = new CopyOnWriteArrayList<>();
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile String heldItem;

        @Override
        public void accept(String item) {
            if (item.equals(heldItem)) {
                holding.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        released.await(SOON.toNanos(), TimeUnit.NANOSECONDS);
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.add(item);
        }

        void holdOn(String item) {
            heldItem = item;
        }

        void awaitHolding(String item) throws InterruptedException {
            if (!holding.await(SOON.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("The worker never handed \"%s\" to the handler within %s; it handled %s."
                        .formatted(item, Durations.readable(SOON), handled));
            }
        }

        void release() {
            released.countDown();
        }

        List<String> handled() {
            return List.copyOf(handled);
        }
    }
}
