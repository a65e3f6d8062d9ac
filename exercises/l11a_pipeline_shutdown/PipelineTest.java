package l11a_pipeline_shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.HeldLocks;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.RaceScenario;
import workbook.testkit.ThreadWatch;
import workbook.testkit.preemption.Preemption;

@ExtendWith(NoThreadLeaks.class)
class PipelineTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** A timeout or limit that should never run out in the test that uses it. */
    private static final Duration LONG = Duration.ofSeconds(30);
    /** How long an interrupted handler takes to clean up before it ends. */
    private static final Duration LINGER = Duration.ofMillis(50);
    /** How long a thread must stay in one wait, not woken, to count as parked there. */
    private static final Duration STEADY = Duration.ofMillis(30);
    /** CPU time a thread may spend while it should wait parked: far more than parking takes, a fraction of a spin. */
    private static final Duration SPIN_BUDGET = Duration.ofMillis(200);
    /** Looks that must find a thread waiting (parked, or asleep between checks) before it counts as one that waits. */
    private static final int WAITING_LOOKS = 20;
    /** How long after its limit shutdown() may take to return: interrupting and ending the workers. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** How long past its limit a stopper may stay in one wait before it counts as waiting for ever: join(0), say. */
    private static final Duration QUIET = Duration.ofMillis(250);

    private static final String NOTHING_TO_WAIT_FOR = """
            This call had room, or nothing left to wait for. If its thread waits for a lock, another \
            call kept it: one that holds the lock while it waits for room or for the workers.""";

    /** Every pipeline and handler of this test, stopped afterwards even when the test failed half-way. */
    private final List<Pipeline<String>> pipelines = new CopyOnWriteArrayList<>();
    private final List<Recorder> handlers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() {
        handlers.forEach(Recorder::release);
        for (var pipeline : pipelines) {
            BlockingCall.call("cleanup", () -> pipeline.shutdown(Duration.ZERO)).awaitDone(SOON);
        }
    }

    private Pipeline<String> pipeline(int capacity, int workers, Recorder handler) {
        handlers.add(handler);
        var pipeline = new Pipeline<>(capacity, workers, handler);
        pipelines.add(pipeline);
        return pipeline;
    }

    @Test
    @DisplayName("every accepted item is handled once, shutdown() returns nothing left over, and the workers end")
    void handlesEveryItemAndEnds() throws InterruptedException {
        var handler = new Recorder();
        var pipeline = pipeline(2, 2, handler);
        var accepted = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            var item = "item-" + i;
            assertThat(submit(pipeline, item, SOON)).as("submit(%s, 2 s) while two workers empty the queue", item).isTrue();
            accepted.add(item);
        }
        handler.awaitStarted(accepted.size());
        var call = BlockingCall.call("stopper", () -> pipeline.shutdown(LONG));
        var left = call.awaitResult(SOON, """
                shutdown(30 s) had not returned 2 s after it was called, with every item handled and the \
                workers idle.
                Why: shutdown returns as soon as the workers have finished the accepted items and ended. \
                Workers waiting for an item must learn that none will come: closing must wake them (a \
                stop marker each, or signalAll/notifyAll), or they sleep until the limit.""");
        assertThat(left).as("""
                What shutdown(30 s) handed back, while the workers could handle everything within a few ms.
                Why: shutdown is graceful first: the workers go on until every accepted item is handled, \
                and only what they could not start before the limit is handed back.""").isEmpty();
        handler.assertAccountedFor(accepted, List.of(), left);
        handler.assertWorkersEnded();
    }

    @Test
    @DisplayName("with one worker, the items are handled in the order they were accepted")
    void oneWorkerKeepsTheOrder() throws InterruptedException {
        var handler = new Recorder();
        var pipeline = pipeline(3, 1, handler);
        var accepted = List.of("first", "second", "third", "fourth", "fifth");
        for (var item : accepted) {
            assertThat(submit(pipeline, item, SOON)).as("submit(%s, 2 s)", item).isTrue();
        }
        var left = shutdown(pipeline, Duration.ofSeconds(5));
        handler.assertAccountedFor(accepted, List.of(), left);
        assertThat(handler.started).as("""
                The order in which one worker started the items.
                Why: a queue is first in, first out; one worker takes the items in the order they were \
                accepted. (A stop marker, or the check for one, must not overtake accepted items either.)""")
                .containsExactlyElementsOf(accepted);
    }

    @Test
    @DisplayName("the queue holds `capacity` items besides those in progress; a submit waits for room for its timeout")
    void backPressure() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(2, 1, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a) into an empty pipeline").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) while the worker handles a and the queue is empty").isTrue();
        assertThat(submit(pipeline, "c", Duration.ZERO)).as("""
                submit(c, 0) with a in progress and b waiting, capacity 2.
                Why: capacity counts the items waiting in the queue, not the ones a worker has taken.""").isTrue();
        assertThat(submit(pipeline, "d", Duration.ZERO)).as("submit(d, 0) with a in progress and b, c waiting: no room").isFalse();
        assertThat(submit(pipeline, "e", Duration.ofNanos(500))).as("submit(e, 500 ns) with no room").isFalse();
        var timeout = Duration.ofMillis(100);
        var late = BlockingCall.call("submitter", () -> {
            long start = System.nanoTime();
            boolean accepted = pipeline.submit("f", timeout);
            return new Timed(accepted, Duration.ofNanos(System.nanoTime() - start));
        });
        late.assertBlocks(SOON, "submit(f, 100 ms) with no room");
        var result = late.awaitResult(SOON, """
                submit(f, 100 ms) with no room had not returned after 2 s.
                Why: the timeout is one budget for the whole call: compute the deadline once and wait \
                only for what is left of it.""");
        assertThat(result.accepted()).as("submit(f, 100 ms) while the queue stayed full").isFalse();
        assertThat(result.took().toMillis()).as("milliseconds submit(f, 100 ms) waited for room before it gave up")
                .isGreaterThanOrEqualTo(timeout.toMillis() - 5);
        handler.release();
        var left = shutdown(pipeline, SOON);
        handler.assertAccountedFor(List.of("a", "b", "c"), List.of("d", "e", "f"), left);
    }

    @Test
    @DisplayName("a submit waiting for room is accepted as soon as a worker takes an item out")
    void submitWaitsForRoom() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(1, 1, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a) into an empty pipeline").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) with room for one").isTrue();
        var waiting = BlockingCall.call("submitter", () -> pipeline.submit("c", LONG));
        waiting.assertBlocks(SOON, "submit(c, 30 s) with no room");
        handler.release();
        assertThat(waiting.awaitResult(SOON, """
                The worker finished a and took b out of the queue, but submit(c, 30 s) went on waiting.
                Why: each item a worker takes out makes room for one more; the waiting submitter must \
                then get it (give the room back when an item leaves the queue, not later)."""))
                .as("what the waiting submit(c, 30 s) returned once there was room").isTrue();
        var left = shutdown(pipeline, SOON);
        handler.assertAccountedFor(List.of("a", "b", "c"), List.of(), left);
    }

    @Test
    @DisplayName("an idle worker woken for an item that another worker got first waits again, and handles the next")
    void aWorkerWokenForAnItemAnotherGotFirstWaitsAgain() throws InterruptedException {
        var gates = new Gates();
        var pipeline = new Pipeline<String>(2, 2, gates);
        pipelines.add(pipeline);
        gates.hold("busy");
        assertThat(submit(pipeline, "busy", SOON)).as("submit(busy) into an empty pipeline").isTrue();
        var busyWorker = gates.awaitStarted("busy");
        assertThat(submit(pipeline, "probe", SOON)).as("submit(probe) while one of two workers is busy").isTrue();
        var idleWorker = gates.awaitStarted("probe");
        ThreadWatch.pollUntil(SOON, () -> ThreadWatch.staysParked(idleWorker, STEADY));
        BlockingCall<Boolean> late;
        try (var held = HeldLocks.of(pipeline, SOON)) {
            gates.hold("late");
            late = BlockingCall.call("submitter", () -> pipeline.submit("late", LONG));
            ThreadWatch.pollUntil(SOON, () -> late.isDone() || ThreadWatch.staysParked(late.thread(), STEADY));
            gates.open("busy");
            ThreadWatch.pollUntil(SOON, () -> gates.ended.contains("busy") && ThreadWatch.staysParked(busyWorker, STEADY));
        }
        assertThat(late.awaitResult(SOON, NOTHING_TO_WAIT_FOR)).as("submit(late, 30 s) with room").isTrue();
        gates.awaitStarted("late");
        gates.hold("next");
        assertThat(submit(pipeline, "next", SOON)).as("submit(next) while one of two workers is busy").isTrue();
        assertThat(ThreadWatch.pollUntil(SOON, () -> gates.started.containsKey("next")))
                .as("""
                        Whether "next" was started within 2 s, while one of the 2 workers handled "late" and the \
                        other had nothing to do (the threads that ran handlers: %s).
                        Why: a worker woken because an item came is not promised that item: another worker, \
                        done with its own, can take the lock first and get it. Check for an item again after \
                        every wake-up (while, not if, around wait() or await()); a worker that instead goes on \
                        as if the queue were closed ends, and the pipeline runs with one worker fewer.""",
                        gates.describeWorkers())
                .isTrue();
        gates.openAll();
        var left = BlockingCall.call("stopper", () -> pipeline.shutdown(SOON)).awaitResult(SOON.plus(GRACE), """
                shutdown(2 s) had not returned 1 s after its limit, with every item let go.""");
        assertThat(left).as("what shutdown(2 s) handed back once every item had been let go").isEmpty();
    }


    @Test
    @DisplayName("shutdown() that finds the pipeline's lock taken when it hands back the rest waits for it")
    void shutdownMeetingATakenLockWaitsForIt() throws InterruptedException {
        var gates = new Gates();
        var pipeline = new Pipeline<String>(2, 1, gates);
        pipelines.add(pipeline);
        gates.hold("busy");
        assertThat(submit(pipeline, "busy", SOON)).as("submit(busy) into an empty pipeline").isTrue();
        var worker = gates.awaitStarted("busy");
        assertThat(submit(pipeline, "queued", SOON)).as("submit(queued) while the only worker is busy").isTrue();
        var stopping = BlockingCall.call("stopper", () -> pipeline.shutdown(Duration.ofMillis(150)));
        stopping.assertBlocks(SOON, "shutdown(150 ms) while a handler runs");
        if (!keepsALock(stopping.thread())) {
            try (var held = HeldLocks.of(pipeline, SOON)) {
                ThreadWatch.pollUntil(SOON.plus(GRACE), () -> stopping.isDone()
                        || !worker.isAlive() && ThreadWatch.staysParked(stopping.thread(), STEADY));
                if (stopping.isDone()) {
                    assertShutdownDidNotFail(stopping, "shutdown(150 ms), handing back what was left while another thread held the pipeline's lock");
                }
            }
        }
        var left = stopping.awaitResult(SOON, "the pipeline's lock was let go, but shutdown(150 ms) did not go on.");
        assertThat(left).as("what shutdown(150 ms) handed back: the item no handler started").containsExactly("queued");
    }

    @Test
    @DisplayName("shutdown() that finds the pipeline's lock taken when it closes waits for it")
    void shutdownClosingATakenLockWaitsForIt() throws InterruptedException {
        var gates = new Gates();
        var pipeline = new Pipeline<String>(2, 1, gates);
        pipelines.add(pipeline);
        BlockingCall<List<String>> stopping;
        try (var held = HeldLocks.of(pipeline, SOON)) {
            stopping = BlockingCall.call("stopper", () -> pipeline.shutdown(LONG));
            ThreadWatch.pollUntil(SOON, () -> stopping.isDone() || ThreadWatch.staysParked(stopping.thread(), STEADY));
            if (stopping.isDone()) {
                assertShutdownDidNotFail(stopping, "shutdown(30 s), closing while another thread held the pipeline's lock");
            }
        }
        var left = stopping.awaitResult(SOON, "the pipeline's lock was let go, but shutdown(30 s) of an idle pipeline did not return.");
        assertThat(left).as("what shutdown(30 s) of a pipeline that was never given an item handed back").isEmpty();
    }

    @Test
    @DisplayName("shutdown() waits for interrupted handlers that still clean up without burning a core")
    void shutdownWaitsForLingeringHandlersWithoutSpinning() throws InterruptedException {
        var handler = new Lingering();
        var pipeline = new Pipeline<String>(1, 1, handler);
        pipelines.add(pipeline);
        try {
            assertThat(submit(pipeline, "busy", SOON)).as("submit(busy) into an empty pipeline").isTrue();
            assertThat(ThreadWatch.pollUntil(SOON, () -> handler.started.getCount() == 0))
                    .as("whether \"busy\" was started within 2 s, with the only worker free").isTrue();
            var stopping = BlockingCall.call("stopper", () -> pipeline.shutdown(Duration.ofMillis(20)));
            assertThat(ThreadWatch.pollUntil(SOON, () -> handler.interrupted.getCount() == 0 || stopping.isDone()))
                    .as("whether shutdown(20 ms) interrupted the busy handler within 2 s").isTrue();
            var cpu = ManagementFactory.getThreadMXBean();
            long cpuBefore = cpu.getThreadCpuTime(stopping.thread().threadId());
            var spent = new AtomicLong();
            var looks = new AtomicInteger();
            var seenWaiting = new AtomicInteger();
            ThreadWatch.pollUntil(SOON, () -> {
                var state = stopping.thread().getState();
                spent.set(cpu.getThreadCpuTime(stopping.thread().threadId()) - cpuBefore);
                looks.incrementAndGet();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    seenWaiting.incrementAndGet();
                }
                return stopping.isDone() || spent.get() > SPIN_BUDGET.toNanos() || seenWaiting.get() >= WAITING_LOOKS;
            });
            assertThat(!stopping.isDone() && spent.get() <= SPIN_BUDGET.toNanos() && seenWaiting.get() >= WAITING_LOOKS).as("""
                    Whether shutdown(20 ms), once it had interrupted the workers, waited for a handler that \
                    still cleaned up after its interrupt (it %s; its thread was seen waiting in %d of %d looks, \
                    and spent %d ms of CPU time meanwhile).
                    Why: after the workers are interrupted, shutdown() waits for each of them to end; a \
                    handler may take a while to clean up. Wait in join() or awaitTermination() with a real \
                    limit, again and again if need be: a loop around awaitTermination(0) or isTerminated() \
                    never waits, and keeps a core busy for as long as the handler takes.""",
                    stopping.isDone() ? "returned before the handler ended" : "was still inside",
                    seenWaiting.get(), looks.get(), TimeUnit.NANOSECONDS.toMillis(Math.max(0, spent.get()))).isTrue();
            handler.finishCleanup();
            var left = stopping.awaitResult(SOON, "the interrupted handler had ended, but shutdown(20 ms) did not return.");
            assertThat(left).as("what shutdown(20 ms) handed back with nothing left in the queue").isEmpty();
        } finally {
            handler.finishCleanup();
        }
    }

    /**
     * A handler whose item runs until interrupted, and then cleans up, deaf to further interrupts,
     * until the test lets it end (which also ends an item never interrupted).
     */
    private static final class Lingering implements Pipeline.Handler<String> {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);
        private final CountDownLatch cleanedUp = new CountDownLatch(1);

        void finishCleanup() {
            cleanedUp.countDown();
        }

        @Override
        public void handle(String item) throws InterruptedException {
            started.countDown();
            try {
                cleanedUp.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
                awaitCleanupIgnoringInterrupts();
                throw e;
            }
        }

        private void awaitCleanupIgnoringInterrupts() {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    cleanedUp.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    return;
                } catch (InterruptedException again) {
                    // the cleanup goes on: it is what the test measures shutdown() against
                }
            }
        }
    }

    /**
     * Whether {@code thread} holds a monitor or a lock right now. A shutdown() that keeps one while it
     * waits for the workers (one that nothing else takes, or other tests fail) leaves no moment at
     * which another thread could hold the pipeline's locks: there is nothing to force.
     */
    private static boolean keepsALock(Thread thread) {
        var info = ManagementFactory.getThreadMXBean().getThreadInfo(new long[] {thread.threadId()}, true, true)[0];
        return info != null && (info.getLockedMonitors().length > 0 || info.getLockedSynchronizers().length > 0);
    }

    private static void assertShutdownDidNotFail(BlockingCall<List<String>> stopping, String what) {
        try {
            stopping.result();
        } catch (AssertionError threw) {
            throw new AssertionError("""
                    %s: %s
                    Why: a lock that is taken must be waited for, when shutdown() closes and when it \
                    hands back the rest (a submitter may hold it for a moment to add an item, or to learn \
                    that the pipeline is closed). tryLock() returns false at once when another thread \
                    holds the lock; code that ignores that result goes on without it, and signalAll() or \
                    unlock() then throws IllegalMonitorStateException. Use lock().""".formatted(what, threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    /** A handler that keeps each item it was told to hold in progress until its gate opens, or until interrupted. */
    private static final class Gates implements Pipeline.Handler<String> {
        final Map<String, Thread> started = new ConcurrentHashMap<>();
        final Set<String> ended = ConcurrentHashMap.newKeySet();
        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

        void hold(String item) {
            gates.put(item, new CountDownLatch(1));
        }

        void open(String item) {
            gates.get(item).countDown();
        }

        void openAll() {
            gates.values().forEach(CountDownLatch::countDown);
        }

        @Override
        public void handle(String item) throws InterruptedException {
            started.put(item, Thread.currentThread());
            try {
                var gate = gates.get(item);
                if (gate != null) {
                    gate.await(20, TimeUnit.SECONDS);
                }
            } finally {
                ended.add(item);
            }
        }

        String describeWorkers() {
            return Set.copyOf(started.values()).stream()
                    .map(thread -> thread.getName() + (thread.isAlive() ? " (alive)" : " (ended)"))
                    .sorted().toList().toString();
        }

        Thread awaitStarted(String item) {
            assertThat(ThreadWatch.pollUntil(SOON, () -> started.containsKey(item)))
                    .as("""
                            Whether "%s" was started within 2 s of being accepted, with a worker free for it.
                            Why: each worker takes the next item as soon as it is free.""", item)
                    .isTrue();
            return started.get(item);
        }
    }

    @Test
    @DisplayName("once shutdown() has begun, submit() is refused, while the workers still finish what was accepted")
    void refusedOnceShutdownBegins() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(2, 1, handler);
        var otherHandler = new Recorder();
        var other = pipeline(2, 1, otherHandler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", SOON)).as("submit(b)").isTrue();
        var shutdown = BlockingCall.call("stopper", () -> pipeline.shutdown(LONG));
        shutdown.assertBlocks(SOON, "shutdown(30 s) while the worker is still busy with a, and b waits");
        assertThat(submit(pipeline, "c", Duration.ZERO)).as("""
                submit(c, 0) while shutdown() waits for the workers, with room in the queue.
                Why: shutdown refuses new items from the moment it is called, not once it returns.""").isFalse();
        assertThat(submit(other, "z", SOON)).as("""
                submit(z) into a second pipeline, while the first one shuts down.
                Why: each pipeline has its own queue, workers and shutdown; a static field is shared by all.""")
                .isTrue();
        handler.release();
        var left = shutdown.awaitResult(SOON, """
                The worker finished every accepted item, yet shutdown(30 s) went on waiting.
                Why: once the last accepted item is handled, the workers must end by themselves (a stop \
                marker per worker behind the last item, say), and shutdown returns when they have.""");
        assertThat(left).as("""
                What shutdown(30 s) handed back, although the workers handled everything long before the limit.
                Why: the limit is the most shutdown waits, not a time to give up at once.""").isEmpty();
        handler.assertAccountedFor(List.of("a", "b"), List.of("c"), left);
        handler.assertWorkersEnded();
        assertThat(submit(pipeline, "d", SOON)).as("submit(d) after shutdown() returned").isFalse();
        var otherLeft = shutdown(other, SOON);
        otherHandler.assertAccountedFor(List.of("z"), List.of(), otherLeft);
    }

    @Test
    @DisplayName("at its limit, shutdown() interrupts the workers, hands back every item not started, and returns in time")
    void limitHandsBackTheRest() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(3, 2, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
        assertThat(submit(pipeline, "b", SOON)).as("submit(b)").isTrue();
        handler.awaitStarted(2);
        for (var item : List.of("c", "d", "e")) {
            assertThat(submit(pipeline, item, SOON)).as("submit(%s) with both workers busy and room for 3", item).isTrue();
        }
        var limit = Duration.ofMillis(100);
        var left = shutdown(pipeline, limit);
        var interruptedAfter = Duration.ofNanos(handler.firstInterruptAt.get() - handler.shutdownCalledAt);
        assertThat(handler.runningWhenShutdownReturned).as("""
                Handlers still running when shutdown(100 ms) returned; each interrupted handler takes 50 ms \
                to clean up.
                Why: until a worker has ended, it may still be busy, or take another item after shutdown \
                took out the rest. Interrupt the workers, then wait for each to end (join, or \
                awaitTermination), and only then hand back what is left.""").isZero();
        assertThat(interruptedAfter.toMillis()).as("""
                Milliseconds after shutdown(100 ms) was called that the first busy handler was interrupted.
                Why: shutdown gives the workers the whole limit to finish before it stops them: one \
                deadline for the whole wait, each join waiting for all that is left of it.""")
                .isGreaterThanOrEqualTo(limit.toMillis() - 5);
        handler.assertAccountedFor(List.of("a", "b", "c", "d", "e"), List.of(), left);
        assertThat(new HashSet<>(left)).as("""
                What shutdown(100 ms) handed back: the items still waiting when the limit ran out.
                Why: a and b were in progress (their handlers were interrupted); c, d and e were \
                accepted and never started, so the caller gets them back.""").isEqualTo(Set.of("c", "d", "e"));
        assertThat(handler.interrupted).as("""
                The items whose handler was interrupted when the limit ran out.
                Why: at the limit, the workers still busy are interrupted: it is the only way to ask a \
                thread that is waiting to stop.""").containsExactlyInAnyOrder("a", "b");
        handler.assertWorkersEnded();
    }

    @Test
    @DisplayName("a submit that waits for room while shutdown() runs is refused, or its item is handled or handed back")
    void submitWaitingDuringShutdown() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(1, 1, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) with room for one").isTrue();
        var waiting = BlockingCall.call("submitter", () -> pipeline.submit("c", Duration.ofMillis(300)));
        waiting.assertBlocks(SOON, "submit(c, 300 ms) with no room");
        var left = shutdown(pipeline, Duration.ofMillis(40));
        boolean accepted = waiting.awaitResult(SOON, "submit(c, 300 ms) had not returned after 2 s.");
        handler.assertAccountedFor(accepted ? List.of("a", "b", "c") : List.of("a", "b"),
                accepted ? List.of() : List.of("c"), left);
        handler.assertWorkersEnded();
    }

    @Test
    @DisplayName("two submits for the last place: one is accepted, wherever the first is stopped")
    void twoSubmitsForTheLastPlace() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var handler = new Recorder().holding();
                var pipeline = pipeline(1, 1, handler);
                assertThat(submit(pipeline, "busy", SOON)).as("submit(busy) into an empty pipeline").isTrue();
                handler.awaitStarted(1);
                var firstIn = new AtomicBoolean();
                var first = preemption.start("first submitter", point, () -> firstIn.set(pipeline.submit("first", Duration.ZERO)));
                boolean stopped = first.awaitStopped(SOON);
                var second = BlockingCall.call("second submitter", () -> pipeline.submit("second", Duration.ZERO));
                second.awaitSettled(SOON);
                first.resume();
                first.call().awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                boolean secondIn = second.awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                if (firstIn.get() == secondIn) {
                    throw new AssertionError("""
                            The first submit(first, 0) was held at its preemption point %d (a lock, condition, \
                            queue or executor call, or a synchronized block, entered or left) while a second \
                            submit(second, 0) ran, into a pipeline of capacity 1 with one free place and its one \
                            worker busy. %s
                            Why: "is there room, and is the pipeline open?" and "add the item" must be one step, \
                            in one hold of the lock: between two holds, the other submitter can take the place \
                            the first one saw.""".formatted(point, secondIn
                            ? "Both were accepted: the queue now holds two items."
                            : "Neither was accepted, though there was room for one."));
                }
                handler.release();
                var left = shutdown(pipeline, SOON);
                handler.assertAccountedFor(firstIn.get() ? List.of("busy", "first") : List.of("busy", "second"),
                        firstIn.get() ? List.of("second") : List.of("first"), left);
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("a submit that shutdown(0) overtakes, wherever it is stopped, is refused, or its item is handled or handed back")
    void aSubmitOvertakenByShutdown() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var handler = new Recorder();
                var pipeline = pipeline(1, 1, handler);
                var lateIn = new AtomicBoolean();
                var submitter = preemption.start("submitter", point, () -> lateIn.set(pipeline.submit("late", Duration.ZERO)));
                boolean stopped = submitter.awaitStopped(SOON);
                var stopping = BlockingCall.call("stopper", () -> pipeline.shutdown(Duration.ZERO));
                stopping.awaitSettled(SOON);
                submitter.resume();
                submitter.call().awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                var left = stopping.awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                handler.assertAccountedFor(lateIn.get() ? List.of("late") : List.of(),
                        lateIn.get() ? List.of() : List.of("late"), left);
                handler.assertWorkersEnded();
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("submitters racing shutdown(): every item they were told was accepted is handled or handed back")
    void submittersRaceShutdown() {
        int submitters = 5;
        RaceScenario.of("racer", ShutdownRace::new)
                .threads(submitters + 1)
                .eachThread((race, index) -> {
                    if (index == 0) {
                        race.shutDownOnceBusy(submitters);
                    } else {
                        race.submitUntilRefused(index);
                    }
                })
                .afterAllThreads(ShutdownRace::assertNothingLost)
                .trialDeadline(Duration.ofSeconds(3))
                .repeatFor(Duration.ofMillis(200));
    }

    /** One trial of submittersRaceShutdown: submitters that go on until refused, and one shutdown(0). */
    private static final class ShutdownRace {
        final Recorder handler = new Recorder();
        final Pipeline<String> pipeline = new Pipeline<>(10_000, 2, handler);
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final AtomicInteger submitting = new AtomicInteger();
        volatile List<String> left;

        void shutDownOnceBusy(int submitters) {
            ThreadWatch.pollUntil(SOON, () -> submitting.get() >= submitters);
            left = pipeline.shutdown(Duration.ZERO);
        }

        void submitUntilRefused(int submitter) throws InterruptedException {
            submitting.incrementAndGet();
            for (int i = 0; ; i++) {
                var item = submitter + "-" + i;
                if (!pipeline.submit(item, Duration.ZERO)) {
                    refused.add(item);
                    return;
                }
                accepted.add(item);
            }
        }

        void assertNothingLost() {
            handler.assertAccountedFor(accepted, refused, left);
            handler.assertWorkersEnded();
        }
    }

    @Test
    @DisplayName("a handler that throws an exception or an Error fails only its own item; the worker goes on")
    void handlerFailures() throws InterruptedException {
        var handler = new Recorder();
        var pipeline = pipeline(4, 1, handler);
        var accepted = List.of("fail-with-exception", "fail-with-error", "fine", "also fine");
        for (var item : accepted) {
            assertThat(submit(pipeline, item, SOON)).as("submit(%s)", item).isTrue();
        }
        var left = shutdown(pipeline, SOON);
        assertThat(handler.started).as("""
                The items the one worker started, the first two of which throw (an exception, then an Error).
                Why: a failing item must not stop the worker: catch what the handler throws (Throwable, \
                not only Exception: an Error is a failure of its item too) and go on with the next. Only \
                an interrupt, or the stop signal, ends a worker.""").containsExactlyElementsOf(accepted);
        handler.assertAccountedFor(accepted, List.of(), left);
    }

    @Test
    @DisplayName("shutdown() with a zero, sub-millisecond or negative limit does not wait for the workers")
    void noTimeLeft() throws InterruptedException {
        var limits = List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofMillis(-5));
        var recorders = new ArrayList<Recorder>();
        var calls = new ArrayList<BlockingCall<List<String>>>();
        for (var limit : limits) {
            var handler = new Recorder().holding();
            var pipeline = pipeline(1, 1, handler);
            assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
            handler.awaitStarted(1);
            assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) with room for one").isTrue();
            recorders.add(handler);
            calls.add(BlockingCall.call("stopper", () -> pipeline.shutdown(limit)));
        }
        // The three shutdowns run side by side: each waits for its own handler's clean-up, which costs no CPU.
        for (int i = 0; i < limits.size(); i++) {
            var left = calls.get(i).awaitResult(GRACE, QUIET, """
                    shutdown(%d ns) went on waiting, with a handler that ends only when interrupted.
                    Why: no time left means stop the workers at once. Careful with conversions: a limit under \
                    a millisecond is 0 in toMillis(), and join(0) waits for ever.""".formatted(limits.get(i).toNanos()));
            recorders.get(i).assertAccountedFor(List.of("a", "b"), List.of(), left);
            recorders.get(i).assertWorkersEnded();
        }
    }

    @Test
    @DisplayName("interrupted while it waits for room (or before), submit() throws InterruptedException and accepts nothing")
    void submitInterrupted() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(1, 1, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) with room for one").isTrue();
        var waiting = BlockingCall.call("submitter", () -> pipeline.submit("c", LONG));
        waiting.assertBlocks(SOON, "submit(c, 30 s) with no room");
        assertThat(submit(pipeline, "x", Duration.ZERO)).as("""
                submit(x, 0) with no room, while another submit waits for room.
                Why: a submit that waits for room must not keep the others from answering at once: do \
                not hold a lock while you wait for room.""").isFalse();
        waiting.interrupt();
        waiting.assertThrowsInterruptedException(SOON, "submit(c, 30 s) waiting for room");
        BlockingCall.callInterrupted("submitter", () -> pipeline.submit("d", LONG))
                .assertThrowsInterruptedException(SOON, "submit(d, 30 s) with no room, called with the interrupt flag set");
        handler.release();
        assertThat(submit(pipeline, "e", SOON)).as("""
                submit(e, 2 s) once the worker had emptied the queue, after two submits were interrupted.
                Why: an interrupted submit must leave the room as it found it.""").isTrue();
        var left = shutdown(pipeline, SOON);
        handler.assertAccountedFor(List.of("a", "b", "e"), List.of("c", "d", "x"), left);
    }

    @Test
    @DisplayName("interrupted while it waits, shutdown() stops the workers at once, hands back the rest and keeps the interrupt")
    void shutdownInterrupted() throws InterruptedException {
        var handler = new Recorder().holding();
        var pipeline = pipeline(1, 1, handler);
        assertThat(submit(pipeline, "a", SOON)).as("submit(a)").isTrue();
        handler.awaitStarted(1);
        assertThat(submit(pipeline, "b", Duration.ZERO)).as("submit(b, 0) with room for one").isTrue();
        var call = BlockingCall.call("stopper", () -> new Interrupted(pipeline.shutdown(LONG), Thread.currentThread().isInterrupted()));
        call.assertBlocks(SOON, "shutdown(30 s) while the worker is busy with a");
        call.interrupt();
        var result = call.awaitResult(SOON, """
                shutdown(30 s) was interrupted, and 2 s later it had not returned.
                Why: an interrupt asks the caller to stop waiting: treat it as the end of the limit \
                (stop the workers, hand back what is left) and return.""");
        handler.assertAccountedFor(List.of("a", "b"), List.of(), result.left());
        assertThat(result.left()).as("what the interrupted shutdown(30 s) handed back").containsExactly("b");
        assertThat(result.flagStillSet()).as("""
                Whether the interrupt flag of the thread that called shutdown() was still set when it returned.
                Why: shutdown() cannot throw InterruptedException (the caller would lose the items handed \
                back), so it must restore the flag (Thread.currentThread().interrupt()) for the caller's \
                code further up to see the interrupt.""").isTrue();
        handler.assertWorkersEnded();
    }

    private record Timed(boolean accepted, Duration took) {}

    private record Interrupted(List<String> left, boolean flagStillSet) {}

    private static boolean submit(Pipeline<String> pipeline, String item, Duration timeout) throws InterruptedException {
        return BlockingCall.call("submitter", () -> pipeline.submit(item, timeout))
                .awaitResult(timeout.plus(SOON), "submit(%s, %s) had not returned after its timeout and 2 s more.\n%s"
                        .formatted(item, Durations.readable(timeout), NOTHING_TO_WAIT_FOR));
    }

    private List<String> shutdown(Pipeline<String> pipeline, Duration limit) throws InterruptedException {
        var handler = handlers.get(pipelines.indexOf(pipeline));
        return BlockingCall.call("stopper", () -> {
            handler.shutdownCalledAt = System.nanoTime();
            var left = pipeline.shutdown(limit);
            handler.runningWhenShutdownReturned = handler.running.get();
            return left;
        }).awaitResult(limit.plus(GRACE).plus(LINGER), limit.plus(QUIET), """
                shutdown(%s) went on waiting after its limit, in one wait that nothing ended.
                Why: when the limit runs out, shutdown interrupts the workers still busy, waits for them \
                to end, and returns what is left. A join(0) or a wait with no deadline waits for ever."""
                .formatted(Durations.readable(limit)));
    }

    /**
     * The handler the tests give the pipeline: it records which items started, on which threads,
     * and which were interrupted; holding, it keeps every item in progress until released or
     * interrupted. Items named "fail-with-exception" and "fail-with-error" throw.
     */
    private static final class Recorder implements Pipeline.Handler<String> {
        final List<String> started = new CopyOnWriteArrayList<>();
        final List<String> interrupted = new CopyOnWriteArrayList<>();
        final Set<Thread> workers = ConcurrentHashMap.newKeySet();
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean holding;
        /** Handlers running right now. */
        final AtomicInteger running = new AtomicInteger();
        volatile int runningWhenShutdownReturned = -1;
        /** When the stopper thread called shutdown(), in System.nanoTime(): the start of its limit. */
        volatile long shutdownCalledAt;
        /** When the first handler saw its interrupt, in System.nanoTime(); 0 while none has. */
        final AtomicLong firstInterruptAt = new AtomicLong();

        Recorder holding() {
            holding = true;
            return this;
        }

        void release() {
            released.countDown();
        }

        @Override
        public void handle(String item) throws InterruptedException {
            running.incrementAndGet();
            try {
                handleCounted(item);
            } finally {
                running.decrementAndGet();
            }
        }

        private void handleCounted(String item) throws InterruptedException {
            workers.add(Thread.currentThread());
            started.add(item);
            switch (item) {
                case "fail-with-exception" -> throw new IllegalStateException("the handler failed on " + item);
                case "fail-with-error" -> throw new HandlerError(item);
                default -> {
                }
            }
            if (holding) {
                try {
                    released.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    firstInterruptAt.compareAndSet(0, System.nanoTime());
                    interrupted.add(item);
                    Thread.sleep(LINGER);
                    throw e;
                }
            }
        }

        void awaitStarted(int count) {
            assertThat(ThreadWatch.pollUntil(SOON, () -> started.size() >= count))
                    .as("""
                            Items started 2 s after they were submitted: %s, of %d expected.
                            Why: the pipeline starts as many workers as asked for, at once, and each takes \
                            the next item as soon as it is free.""", started, count)
                    .isTrue();
        }

        /**
         * Checks the pipeline's promise: every accepted item was started by a handler or handed
         * back, exactly once and not both; no refused item was either.
         */
        void assertAccountedFor(List<String> accepted, List<String> refused, List<String> handedBack) {
            var startedNow = List.copyOf(started);
            var startsOf = timesEach(startedNow);
            var returnsOf = timesEach(handedBack);
            for (var item : accepted) {
                long starts = startsOf.getOrDefault(item, 0L);
                long returns = returnsOf.getOrDefault(item, 0L);
                if (starts + returns == 0) {
                    throw new AssertionError("""
                            "%s" was accepted (submit returned true), and then lost: no handler started it, \
                            and shutdown() did not hand it back (it returned %s; handlers started %s).
                            Why: an item accepted while shutdown() closes the pipeline, or left in the queue \
                            after shutdown() took out the rest, is never seen again. Decide "accepted or \
                            refused" and put the item in the queue in one step, under the same lock with \
                            which shutdown() closes (a BlockingQueue alone cannot be closed), and hand back \
                            only once no worker can take an item any more.""".formatted(item, handedBack, startedNow));
                }
                if (starts > 1) {
                    throw new AssertionError("\"%s\" was handled %d times (handlers started %s). Each accepted item is handled once."
                            .formatted(item, starts, startedNow));
                }
                if (returns > 1 || starts + returns > 1) {
                    throw new AssertionError("""
                            "%s" was %s, and shutdown() also handed it back (it returned %s).
                            Why: the caller would handle it a second time. Hand back only the items that no \
                            handler started: wait until the workers have ended before taking what is left."""
                            .formatted(item, starts > 0 ? "started by a handler" : "handed back twice", handedBack));
                }
            }
            for (var item : refused) {
                if (startsOf.containsKey(item) || returnsOf.containsKey(item)) {
                    throw new AssertionError("""
                            "%s" was refused (submit returned false or threw), yet it was %s.
                            Why: the caller was told it was not taken and may submit it again: a refused \
                            item must leave no trace.""".formatted(item, startsOf.containsKey(item) ? "handled" : "handed back"));
                }
            }
            var submitted = new HashSet<>(accepted);
            submitted.addAll(refused);
            var unknown = new ArrayList<>(startedNow);
            unknown.addAll(handedBack);
            unknown.removeIf(submitted::contains);
            assertThat(unknown).as("items handled or handed back that nobody submitted").isEmpty();
        }

        /** How many times each item is in {@code items}: the checks above run over thousands of items, interpreted. */
        private static Map<String, Long> timesEach(List<String> items) {
            var times = new HashMap<String, Long>();
            for (var item : items) {
                times.merge(item, 1L, Long::sum);
            }
            return times;
        }

        void assertWorkersEnded() {
            boolean ended = ThreadWatch.pollUntil(Duration.ofMillis(500), () -> workers.stream().noneMatch(Thread::isAlive));
            assertThat(ended).as("""
                    Whether every thread that ran a handler had ended 500 ms after shutdown() returned (alive: %s).
                    Why: after shutdown() returns, no worker may take another item; wait for the workers to \
                    end (join, or awaitTermination) before returning.""",
                    workers.stream().filter(Thread::isAlive).map(Thread::getName).toList()).isTrue();
        }
    }

    /** An Error of the test's own, thrown by a handler. */
    private static final class HandlerError extends Error {
        HandlerError(String item) {
            super("the handler broke down on " + item);
        }
    }
}
