package l11b_task_counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import l11b_task_counter.TaskQueue.Counts;
import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.HeldLocks;
import workbook.testkit.RaceScenario;
import workbook.testkit.StaleReads;
import workbook.testkit.ThreadWatch;
import workbook.testkit.Workers;
import workbook.testkit.preemption.Preemption;

class TaskQueueTest {

    /** Long enough for any thread to be scheduled on a busy machine; far shorter than a hang. */
    private static final Duration SOON = Duration.ofSeconds(2);
    /** The timeout of a join that should return long before it runs out. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    private static final String NOTHING_TO_WAIT_FOR = """
            This call has nothing to wait for. If its thread waits for the queue's lock, another call kept \
            it: a lock released only on the normal path (unlock in a finally block), or a thread that \
            holds the lock while it waits without releasing it (sleep instead of wait/await).""";

    private static final String A_TAKEN_TASK_IS_UNFINISHED = """
            Why: a task taken from the queue is not finished yet; it is in progress until its worker \
            reports it with taskDone() or taskFailed(). Python's queue.join() waits the same way, for \
            task_done(), not for an empty queue. join() must wait until nothing is waiting AND nothing \
            is in progress.""";

    private static final String EVERY_WAITER_MUST_WAKE = """
            Why: several threads can wait at the same time, joiners for an idle queue, takers for a task. \
            notify() or signal() on a lock or condition they share wakes just one of them, perhaps one \
            that cannot go on and waits again; the one that could is never woken. Wake them all \
            (notifyAll, signalAll), or give each kind of waiter a condition of its own.""";

    private static final String ONE_STEP_TO_TAKE = """
            Why: "a task is waiting" and "take it" must be one step, in one hold of the lock: between two \
            holds, the other taker can take the task the first one saw. Wait in a loop, then count the \
            task in progress and remove it, all before letting go of the lock.""";

    /** How long a caller must stay parked in TaskQueue, unwoken, to count as waiting. */
    private static final Duration STEADY = Duration.ofMillis(30);
    /** How long a thread that was just released may stay in one wait before it counts as never woken. */
    private static final Duration QUIET = Duration.ofMillis(250);

    private static final String ONE_WAITER_KEEPS_NO_OTHER_OUT = """
            Why: a thread waiting in join() or take() must let go of every lock the other callers need. \
            wait() and await() let go only of the lock they wait on: a synchronized method that waits on \
            another object (or in a BlockingQueue) keeps its own monitor, and every other caller queues up \
            behind it, past its own timeout and deaf to its own interrupt.""";

    /** Reads the counts, where the Java Memory Model says nothing about how fresh a plain field is: compiled. */
    static final class CountsProbe {
        public static void main(String[] args) throws InterruptedException {
            var queue = new TaskQueue<String>();
            queue.put("task");
            queue.take();
            StaleReads.watch(queue, watched -> watched.counts().done() == 1, TaskQueue::taskDone);
        }
    }

    @Test
    @DisplayName("tasks come out first in, first out, and the counts follow every put, take and report")
    void countsFollowEveryStep() throws InterruptedException {
        var queue = new TaskQueue<String>();
        var other = new TaskQueue<String>();
        now(() -> {
            queue.put("a");
            queue.put("b");
            queue.put("c");
        });
        assertCounts(queue, new Counts(3, 0, 0, 0), "after put(a), put(b), put(c)");
        assertThat(takeNow(queue)).as("the first take() after put(a), put(b), put(c)").isEqualTo("a");
        assertCounts(queue, new Counts(2, 1, 0, 0), "after one take()");
        now(queue::taskDone);
        assertCounts(queue, new Counts(2, 0, 1, 0), "after one take() and taskDone()");
        assertThat(takeNow(queue)).as("the second take()").isEqualTo("b");
        assertThat(takeNow(queue)).as("the third take()").isEqualTo("c");
        assertCounts(queue, new Counts(0, 2, 1, 0), "after three take()s and one taskDone()");
        now(queue::taskFailed);
        assertCounts(queue, new Counts(0, 1, 1, 1), "after three take()s, taskDone() and taskFailed()");
        now(queue::taskDone);
        assertCounts(queue, new Counts(0, 0, 2, 1), "after three take()s, two taskDone()s and taskFailed()");
        assertThat(BlockingCall.call("other-queue", other::counts).awaitResult(SOON, NOTHING_TO_WAIT_FOR))
                .as("""
                        The counts of a second TaskQueue, made at the same time, that nobody used.
                        Why: every queue counts its own tasks. A static field is shared by every TaskQueue.""")
                .isEqualTo(new Counts(0, 0, 0, 0));
    }

    @Test
    @DisplayName("join() waits while a taken task is still in progress, and returns true once it is reported")
    void joinWaitsForTasksInProgress() throws InterruptedException {
        var queue = new TaskQueue<String>();
        now(() -> queue.put("slow task"));
        assertThat(takeNow(queue)).as("take() after put(slow task)").isEqualTo("slow task");
        var join = BlockingCall.call("joiner", () -> queue.join(LONG_TIMEOUT));
        try {
            join.assertBlocks(SOON, "join(30 s) while the one task is in progress (taken, not reported)");
        } catch (AssertionError returned) {
            throw new AssertionError(returned.getMessage() + "\n" + A_TAKEN_TASK_IS_UNFINISHED, returned);
        }
        now(queue::taskDone);
        assertThat(join.awaitResult(SOON, QUIET, """
                taskDone() reported the last task, but join() went on waiting.
                Why: the thread that finishes the last unfinished task must wake the joiners up \
                (notifyAll or signalAll), and join() must then see that nothing is waiting or in progress."""))
                .as("what join(30 s) returned once the last task was reported").isTrue();
    }

    @Test
    @DisplayName("join() returns true at once when every task put in was reported, failed ones included")
    void joinReturnsWhenAllAreReported() throws InterruptedException {
        var queue = new TaskQueue<String>();
        assertThat(joinNow(queue, LONG_TIMEOUT)).as("join(30 s) on a queue nothing was put in").isTrue();
        now(() -> {
            queue.put("a");
            queue.put("b");
        });
        takeNow(queue);
        takeNow(queue);
        now(queue::taskDone);
        var join = BlockingCall.call("joiner", () -> queue.join(LONG_TIMEOUT));
        join.assertBlocks(SOON, "join(30 s) while one of two taken tasks is still in progress");
        now(queue::taskFailed);
        assertThat(join.awaitResult(SOON, QUIET, """
                taskFailed() reported the last unfinished task, but join() went on waiting.
                Why: a failed task is finished too: taskFailed() must wake the joiners like taskDone()."""))
                .as("what join(30 s) returned once the last task was reported failed").isTrue();
        assertThat(joinNow(queue, LONG_TIMEOUT)).as("join(30 s) after every task was reported").isTrue();
    }

    @Test
    @DisplayName("join() gives up when its timeout runs out: false, and only after the whole timeout")
    void joinGivesUpAtItsTimeout() throws InterruptedException {
        var queue = oneTaskInProgress();
        var timeout = Duration.ofMillis(60);
        long start = System.nanoTime();
        boolean joined = joinNow(queue, timeout);
        var took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(joined).as("join(60 ms) while a task stays in progress the whole time").isFalse();
        assertThat(took).as("""
                How long join(60 ms) took before it returned false, while a task stayed in progress.
                Why: join(timeout) gives up only when the whole timeout has passed.""")
                .isGreaterThanOrEqualTo(timeout.minusMillis(5));
    }

    @Test
    @DisplayName("join() with a zero, sub-millisecond or negative timeout does not wait")
    void joinWithNoTimeLeft() throws InterruptedException {
        var idle = new TaskQueue<String>();
        assertThat(joinNow(idle, Duration.ZERO)).as("join(0) on a queue nothing was put in").isTrue();
        var queue = oneTaskInProgress();
        // 900 µs as well as 500 ns: interpreted code can spend 500 ns before its first look at the
        // time left, and a join that rounds to whole milliseconds must still be seen stuck in wait(0).
        for (var timeout : List.of(Duration.ZERO, Duration.ofNanos(500), Duration.ofNanos(900_000), Duration.ofMillis(-5))) {
            var join = BlockingCall.call("joiner", () -> queue.join(timeout));
            boolean joined = join.awaitResult(Duration.ofSeconds(1), QUIET, """
                    join(%d ns) while a task is in progress went on waiting.
                    Why: no time left means do not wait. Careful with conversions: a timeout under a \
                    millisecond is 0 in toMillis(), and wait(0) waits for ever. Wait with nanoseconds \
                    (TimeUnit.NANOSECONDS.timedWait, awaitNanos) and return false when none are left.""".formatted(timeout.toNanos()));
            assertThat(joined).as("what join(%d ns) returned while a task is in progress", timeout.toNanos()).isFalse();
        }
    }

    @Test
    @DisplayName("join()'s timeout is one budget for the whole call, however often the queue changes meanwhile")
    void joinTimeoutIsOneBudget() throws InterruptedException {
        var queue = oneTaskInProgress();
        var timeout = Duration.ofMillis(100);
        var stop = new AtomicBoolean();
        var busySince = new CountDownLatch(1);
        // The busy worker is going before the join starts: a join that restarts its timeout must be
        // woken from its first wait on, however slowly the machine starts a thread.
        var busy = Workers.start("busy-worker", 1, index -> {
            long end = System.nanoTime() + Duration.ofMillis(1000).toNanos();
            while (!stop.get() && System.nanoTime() < end) {
                queue.put("quick task");
                queue.take();
                queue.taskDone();
                busySince.countDown();
                Thread.sleep(2);
            }
        });
        assertThat(busySince.await(SOON.toMillis(), TimeUnit.MILLISECONDS))
                .as("a thread that puts, takes and reports a task, with a task in progress, got through within 2 s. "
                        + NOTHING_TO_WAIT_FOR)
                .isTrue();
        var join = BlockingCall.call("joiner", () -> {
            try {
                return queue.join(timeout);
            } finally {
                stop.set(true);
            }
        });
        boolean ended = join.awaitDone(Duration.ofMillis(600));
        stop.set(true);
        busy.awaitCompletion(SOON);
        assertThat(ended).as("""
                join(100 ms) was still waiting after 0.6 s, while one task stayed in progress and another \
                thread put, took and reported quick tasks every few milliseconds.
                Why: each of those changes may wake the joiner; a joiner that then waits the whole timeout \
                again never gives up while the queue is busy. Compute the deadline once, at the start of \
                join(), and wait each time only for what is left of it.""").isTrue();
        assertThat(join.result()).as("what join(100 ms) returned while a task stayed in progress").isFalse();
    }

    @Test
    @DisplayName("every waiting joiner and taker is woken when it can go on")
    void everyWaiterIsWoken() throws InterruptedException {
        var queue = oneTaskInProgress();
        var firstJoiner = BlockingCall.call("joiner-1", () -> queue.join(LONG_TIMEOUT));
        firstJoiner.assertBlocks(SOON, "join(30 s) while a task is in progress");
        var secondJoiner = BlockingCall.call("joiner-2", () -> queue.join(LONG_TIMEOUT));
        secondJoiner.assertBlocks(SOON, "a second join(30 s) while a task is in progress");
        var taker = BlockingCall.call("taker", queue::take);
        taker.assertBlocks(SOON, "take() from a queue with no task waiting");
        now(() -> queue.put("second task"));
        assertThat(taker.awaitResult(SOON, QUIET, """
                put() brought a task while two joiners and a taker waited, and the taker never got it.
                """ + EVERY_WAITER_MUST_WAKE)).as("what the waiting take() returned").isEqualTo("second task");
        now(queue::taskDone);
        assertThat(firstJoiner.isDone() || secondJoiner.isDone())
                .as("a joiner returned while the second task was still in progress. " + A_TAKEN_TASK_IS_UNFINISHED)
                .isFalse();
        now(queue::taskDone);
        var why = "taskDone() reported the last task while two threads waited in join(30 s); one of them never returned.\n"
                + EVERY_WAITER_MUST_WAKE;
        assertThat(firstJoiner.awaitResult(SOON, QUIET, why)).as("what the first join(30 s) returned").isTrue();
        assertThat(secondJoiner.awaitResult(SOON, QUIET, why)).as("what the second join(30 s) returned").isTrue();
    }

    @Test
    @DisplayName("two threads waiting in join() or in take() at once: each keeps its own timeout and answers its own interrupt")
    void waitersAtOnceAreEachOnTheirOwn() throws InterruptedException {
        var queue = oneTaskInProgress();
        var longJoiner = BlockingCall.call("joiner-1", () -> queue.join(LONG_TIMEOUT));
        longJoiner.assertBlocks(SOON, "join(30 s) while a task is in progress");
        var shortTimeout = Duration.ofMillis(50);
        var shortJoiner = BlockingCall.call("joiner-2", () -> queue.join(shortTimeout));
        assertThat(shortJoiner.awaitResult(SOON, shortTimeout.plus(QUIET), """
                join(50 ms), called while another thread waited in join(30 s), did not give up at its own \
                timeout.
                """ + ONE_WAITER_KEEPS_NO_OTHER_OUT)).as("what join(50 ms) returned while a task stayed in progress")
                .isFalse();
        var interruptedJoiner = BlockingCall.call("joiner-3", () -> queue.join(LONG_TIMEOUT));
        interruptedJoiner.assertBlocks(SOON, "a second join(30 s) while a task is in progress");
        interruptedJoiner.interrupt();
        interruptedJoiner.assertThrowsInterruptedException(SOON, QUIET,
                "join(30 s), called while another thread waited in join(30 s),");
        var firstTaker = BlockingCall.call("taker-1", queue::take);
        firstTaker.assertBlocks(SOON, "take() from a queue with no task waiting");
        var interruptedTaker = BlockingCall.call("taker-2", queue::take);
        interruptedTaker.assertBlocks(SOON, "a second take() from a queue with no task waiting");
        interruptedTaker.interrupt();
        interruptedTaker.assertThrowsInterruptedException(SOON, QUIET,
                "take(), called while another thread waited in take(),");
        now(() -> queue.put("second task"));
        assertThat(firstTaker.awaitResult(SOON, QUIET, """
                put() brought a task while a joiner and a taker waited, and the taker never got it.
                """ + EVERY_WAITER_MUST_WAKE)).as("what the waiting take() returned").isEqualTo("second task");
        now(queue::taskDone);
        now(queue::taskDone);
        assertThat(longJoiner.awaitResult(SOON, QUIET, """
                taskDone() reported the last task while a thread waited in join(30 s), and it never returned.
                """ + EVERY_WAITER_MUST_WAKE)).as("what join(30 s) returned once both tasks were reported").isTrue();
    }

    @Test
    @DisplayName("join() and take() that find the queue's lock taken wait for it, then do their work")
    void callsThatMeetATakenLockWaitForIt() throws InterruptedException {
        var queue = oneTaskInProgress();
        BlockingCall<Boolean> join;
        BlockingCall<String> take;
        try (var held = HeldLocks.of(queue, SOON)) {
            join = BlockingCall.call("joiner", () -> queue.join(LONG_TIMEOUT));
            take = BlockingCall.call("taker", queue::take);
            for (var call : List.of(join, take)) {
                ThreadWatch.pollUntil(SOON, () -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), TaskQueue.class, STEADY));
                if (call.isDone()) {
                    assertDidNotFail(call);
                }
            }
        }
        now(() -> queue.put("second task"));
        assertThat(take.awaitResult(SOON, QUIET, "the queue's lock was let go and a task put in, but take() did not go on."))
                .as("what take() returned").isEqualTo("second task");
        now(queue::taskDone);
        now(queue::taskDone);
        assertThat(join.awaitResult(SOON, QUIET, "the queue's lock was let go and every task reported, but join(30 s) did not return."))
                .as("what join(30 s) returned once every task was reported").isTrue();
    }

    private static void assertDidNotFail(BlockingCall<?> call) {
        try {
            call.result();
        } catch (AssertionError threw) {
            throw new AssertionError("""
                    "%s", called while another thread held the queue's lock: %s
                    Why: a lock that is taken must be waited for. tryLock() returns false at once when \
                    another thread holds the lock, and a caller that ignores that result goes on without \
                    it: it reads and changes the queue unguarded, and await(), signal() and unlock() then \
                    throw IllegalMonitorStateException. Use lock() or lockInterruptibly().""".formatted(
                    call.thread().getName(), threw.getMessage().lines().findFirst().orElse("it threw")), threw);
        }
    }

    @Test
    @DisplayName("two takers for the last task: one waits, wherever the first is stopped")
    void twoTakersForTheLastTask() throws Exception {
        try (var preemption = Preemption.instrument()) {
            preemption.atEveryPoint(200, point -> {
                var queue = new TaskQueue<String>();
                now(() -> queue.put("only task"));
                var firstGot = new AtomicReference<String>();
                var first = preemption.start("first taker", point, () -> firstGot.set(queue.take()));
                boolean stopped = first.awaitStopped(SOON);
                var second = BlockingCall.call("second taker", queue::take);
                second.awaitSettled(SOON);
                first.resume();
                first.call().awaitSettled(SOON);
                now(() -> queue.put("second task"));
                String where = """
                        The first take() was held at its preemption point %d (a lock or condition call, or a \
                        synchronized block, entered or left) while a second take() ran, with one task in the \
                        queue; then a second task was put in.""".formatted(point);
                String secondGot;
                try {
                    first.call().awaitResult(SOON, QUIET, "put() brought a second task, and the taker still waiting did not get it.");
                    secondGot = second.awaitResult(SOON, QUIET, "put() brought a second task, and the taker still waiting did not get it.");
                } catch (AssertionError failure) {
                    if (failure.getCause() instanceof RuntimeException thrown) {
                        throw new AssertionError(where + " A take() threw " + thrown + ".\n" + ONE_STEP_TO_TAKE, thrown);
                    }
                    throw failure;
                }
                assertThat(Arrays.asList(firstGot.get(), secondGot)).as(where + " What the two takers got.\n" + ONE_STEP_TO_TAKE)
                        .containsExactlyInAnyOrder("only task", "second task");
                return stopped;
            });
        }
    }

    @Test
    @DisplayName("counts() read while a report is stopped at any of its points still adds up")
    void countsAddUpWhileAReportIsStopped() throws Exception {
        for (var report : List.of("taskDone", "taskFailed")) {
            try (var preemption = Preemption.instrument()) {
                preemption.atEveryPoint(200, point -> {
                    var queue = new TaskQueue<String>();
                    now(() -> queue.put("task"));
                    takeNow(queue);
                    var reporter = preemption.start("reporter", point,
                            report.equals("taskDone") ? queue::taskDone : queue::taskFailed);
                    boolean stopped = reporter.awaitStopped(SOON);
                    var reader = BlockingCall.call("reader", queue::counts);
                    reader.awaitSettled(SOON);
                    reporter.resume();
                    reporter.call().awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                    var counts = reader.awaitResult(SOON, QUIET, NOTHING_TO_WAIT_FOR);
                    int sum = counts.waiting() + counts.inProgress() + counts.done() + counts.failed();
                    if (sum != 1) {
                        throw new AssertionError("""
                                With one task put in and taken, %s() was held at its preemption point %d (a lock \
                                or condition call, or a synchronized block, entered or left) while another thread \
                                read counts(): %s, which adds up to %d, not 1.
                                Why: one report changes two numbers (one fewer in progress, one more done or \
                                failed), and counts() must never see one change without the other: make both in \
                                one hold of the lock that counts() holds while it reads (or swap one record of \
                                all four numbers at once).""".formatted(report, point, counts, sum));
                    }
                    return stopped;
                });
            }
        }
    }

    @Test
    @DisplayName("a taker woken for a task that another taker got first waits again")
    void aTakerWokenForATaskAnotherGotFirstWaitsAgain() throws InterruptedException {
        var queue = new TaskQueue<String>();
        var woken = BlockingCall.call("taker-1", queue::take);
        woken.assertBlocks(SOON, "take() from an empty queue");
        BlockingCall<Void> producer;
        BlockingCall<String> barging;
        try (var held = HeldLocks.of(queue, SOON)) {
            producer = BlockingCall.run("producer", () -> queue.put("only task"));
            ThreadWatch.pollUntil(SOON, () -> producer.isDone() || ThreadWatch.staysWaitingIn(producer.thread(), TaskQueue.class, STEADY));
            barging = BlockingCall.call("taker-2", queue::take);
            ThreadWatch.pollUntil(SOON, () -> barging.isDone() || ThreadWatch.staysWaitingIn(barging.thread(), TaskQueue.class, STEADY));
        }
        producer.awaitResult(SOON, QUIET, "the queue's lock was let go, but put() did not go on.");
        var takers = List.of(woken, barging);
        ThreadWatch.pollUntil(SOON, () -> takers.stream().anyMatch(BlockingCall::isDone)
                && takers.stream().allMatch(call -> call.isDone() || ThreadWatch.staysWaitingIn(call.thread(), TaskQueue.class, STEADY)));
        var gotIt = takers.stream().filter(BlockingCall::isDone).toList();
        assertThat(gotIt).as("""
                The takers that returned, of two, when one task was put in: one had waited for a task, the \
                other came just as the task was put in.
                Why: a taker woken because a task came is not promised that task: another taker can take \
                the lock first and get it. Check for a task again after every wake-up (while, not if, \
                around wait() or await()); one that does not takes from an empty queue.""").hasSize(1);
        assertThat(gotIt.get(0).result()).as("what the taker that returned got").isEqualTo("only task");
        now(() -> queue.put("second task"));
        var other = gotIt.get(0) == woken ? barging : woken;
        assertThat(other.awaitResult(SOON, QUIET, "put() brought a second task, and the taker still waiting did not get it."))
                .as("what the other taker got").isEqualTo("second task");
        assertCounts(queue, new Counts(0, 2, 0, 0), "after two put()s and two take()s");
    }

    @Test
    @DisplayName("take() from an empty queue waits, and gets the task as soon as put() brings it")
    void takeWaitsForAPut() throws InterruptedException {
        var queue = new TaskQueue<String>();
        var take = BlockingCall.call("taker", queue::take);
        take.assertBlocks(SOON, "take() from an empty queue");
        now(() -> queue.put("task"));
        assertThat(take.awaitResult(SOON, QUIET, """
                put() brought a task, but the thread waiting in take() did not wake up.
                Why: put() must wake the takers (notifyAll, or signal a condition that only takers wait in)."""))
                .as("what the waiting take() returned").isEqualTo("task");
        assertCounts(queue, new Counts(0, 1, 0, 0), "after put() and one take()");
    }

    @Test
    @DisplayName("interrupted while it waits (or before), take() throws InterruptedException and takes nothing")
    void takeInterrupted() throws InterruptedException {
        var queue = new TaskQueue<String>();
        var take = BlockingCall.call("taker", queue::take);
        take.assertBlocks(SOON, "take() from an empty queue");
        take.interrupt();
        take.assertThrowsInterruptedException(SOON, QUIET, "take() from an empty queue");
        BlockingCall.callInterrupted("taker", queue::take)
                .assertThrowsInterruptedException(SOON, QUIET, "take() from an empty queue, called with the interrupt flag set");
        assertCounts(queue, new Counts(0, 0, 0, 0), "after two take()s that were interrupted");
        now(() -> queue.put("task"));
        assertThat(takeNow(queue)).as("take() after the interrupted ones and a put(task)").isEqualTo("task");
    }

    @Test
    @DisplayName("put(null) is refused with NullPointerException, changes nothing, and leaves the queue usable")
    void nullTaskRefused() throws InterruptedException {
        var queue = oneTaskInProgress();
        var put = BlockingCall.run("producer", () -> queue.put(null));
        assertThat(put.awaitDone(SOON)).as("put(null) did not return. " + NOTHING_TO_WAIT_FOR).isTrue();
        Throwable thrown = null;
        try {
            put.result();
        } catch (AssertionError threw) {
            thrown = threw.getCause();
        }
        assertThat(thrown).as("""
                What put(null) threw.
                Why: a null task is a bug in the caller; taking it would hand null to a worker later, far \
                from the mistake. Refuse it at once with NullPointerException (Objects.requireNonNull).""")
                .isInstanceOf(NullPointerException.class);
        assertCounts(queue, new Counts(0, 1, 0, 0), """
                after a put(null) that was refused (if this call did not return, put(null) kept the lock: \
                a lock let go only on the normal path, not in a finally block, stays held when the \
                code between throws)""");
        now(() -> queue.put("task"));
        assertThat(takeNow(queue)).as("take() after the refused put(null) and a put(task)").isEqualTo("task");
    }

    @Test
    @DisplayName("interrupted while it waits (or before), join() throws InterruptedException")
    void joinInterrupted() throws InterruptedException {
        var queue = oneTaskInProgress();
        var join = BlockingCall.call("joiner", () -> queue.join(LONG_TIMEOUT));
        join.assertBlocks(SOON, "join(30 s) while a task is in progress");
        join.interrupt();
        join.assertThrowsInterruptedException(SOON, QUIET, "join(30 s) while a task is in progress");
        BlockingCall.callInterrupted("joiner", () -> queue.join(LONG_TIMEOUT))
                .assertThrowsInterruptedException(SOON, QUIET, "join(30 s) with a task in progress, called with the interrupt flag set");
        assertCounts(queue, new Counts(0, 1, 0, 0), "after two join()s that were interrupted");
    }

    @Test
    @DisplayName("a report with no task in progress is refused with IllegalStateException and changes nothing")
    void reportWithoutATaskInProgress() throws InterruptedException {
        var queue = new TaskQueue<String>();
        assertRefused(queue, queue::taskDone, "taskDone() on a queue nothing was taken from");
        assertRefused(queue, queue::taskFailed, "taskFailed() on a queue nothing was taken from");
        assertCounts(queue, new Counts(0, 0, 0, 0), "after two refused reports");
        now(() -> queue.put("task"));
        takeNow(queue);
        now(queue::taskDone);
        assertRefused(queue, queue::taskDone, "a second taskDone() for the one task taken");
        assertCounts(queue, new Counts(0, 0, 1, 0), "after one task taken and reported, and a refused second report");
    }

    @Test
    @DisplayName("the four counts always add up, read while workers take and report tasks and more are put")
    void countsNeverDisagree() {
        int prefilled = 20;
        int putMeanwhile = 20;
        int total = prefilled + putMeanwhile;
        RaceScenario.of("queue-user", () -> new Race(prefilled))
                .threads(4)
                .eachThread((race, index) -> {
                    switch (index) {
                        case 0 -> race.produce(putMeanwhile);
                        case 3 -> race.observe();
                        default -> race.work(total, index);
                    }
                })
                .afterAllThreads(race -> race.assertEveryTaskReportedOnce(total))
                .trialDeadline(Duration.ofSeconds(3))
                .repeatFor(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("counts() on another thread sees a task reported meanwhile, with the code compiled")
    void countsSeenByAnotherThread() {
        StaleReads.assertSeen(CountsProbe.class, "counts().done()", "taskDone()");
    }

    /** One trial of countsNeverDisagree: a producer, two workers and an observer on one queue. */
    private static final class Race {
        private final TaskQueue<Integer> queue = new TaskQueue<>();
        private final int prefilled;
        private final AtomicInteger putsBegun = new AtomicInteger();
        private final AtomicInteger putsReturned = new AtomicInteger();
        private final AtomicInteger tickets = new AtomicInteger();
        private final AtomicInteger workersLeft = new AtomicInteger(2);
        private final AtomicInteger reportedDone = new AtomicInteger();
        private final AtomicInteger reportedFailed = new AtomicInteger();
        private final Set<Integer> taken = ConcurrentHashMap.newKeySet();
        private final AtomicInteger takenTwice = new AtomicInteger(-1);

        Race(int prefilled) {
            this.prefilled = prefilled;
            for (int i = 0; i < prefilled; i++) {
                queue.put(i);
            }
        }

        void produce(int count) {
            for (int i = 0; i < count; i++) {
                putsBegun.incrementAndGet();
                queue.put(prefilled + i);
                putsReturned.incrementAndGet();
            }
        }

        void work(int total, int worker) throws InterruptedException {
            try {
                while (tickets.getAndIncrement() < total) {
                    int task = queue.take();
                    if (!taken.add(task)) {
                        takenTwice.set(task);
                    }
                    if ((task + worker) % 3 == 0) {
                        queue.taskFailed();
                        reportedFailed.incrementAndGet();
                    } else {
                        queue.taskDone();
                        reportedDone.incrementAndGet();
                    }
                }
            } finally {
                workersLeft.decrementAndGet();
            }
        }

        void observe() {
            Counts previous = null;
            do {
                int returnedBefore = putsReturned.get();
                var counts = queue.counts();
                int begunAfter = putsBegun.get();
                int sum = counts.waiting() + counts.inProgress() + counts.done() + counts.failed();
                if (counts.waiting() < 0 || counts.inProgress() < 0 || counts.done() < 0 || counts.failed() < 0
                        || sum < prefilled + returnedBefore || sum > prefilled + begunAfter) {
                    throw new AssertionError("""
                            counts() returned %s while %d to %d tasks had been put in: its numbers add up to %d.
                            Why: the four numbers must come from one instant. A take() moves a task from waiting \
                            to in progress, a report from in progress to done or failed; counted in two separate \
                            steps (two atomic counters, say), or read one after another while they change, they \
                            show a task twice or not at all. Change them all, and read them all, under one lock \
                            (or keep them in one immutable record swapped atomically)."""
                            .formatted(counts, prefilled + returnedBefore, prefilled + begunAfter, sum));
                }
                if (previous != null && counts.done() + counts.failed() < previous.done() + previous.failed()) {
                    throw new AssertionError("""
                            counts() returned %s after it had returned %s: fewer tasks finished than before.
                            Why: a finished task stays finished; numbers that go back were read from two \
                            different moments.""".formatted(counts, previous));
                }
                previous = counts;
            } while (workersLeft.get() > 0);
        }

        void assertEveryTaskReportedOnce(int total) {
            assertThat(takenTwice.get()).as("a task that two take()s both returned (-1: none)").isEqualTo(-1);
            assertThat(taken).as("the tasks the workers took, of %d put in", total).hasSize(total);
            assertThat(queue.counts())
                    .as("counts() once every task was taken and reported")
                    .isEqualTo(new Counts(0, 0, reportedDone.get(), reportedFailed.get()));
        }
    }

    /** A queue holding one task that was taken and not yet reported. */
    private static TaskQueue<String> oneTaskInProgress() throws InterruptedException {
        var queue = new TaskQueue<String>();
        now(() -> queue.put("task in progress"));
        takeNow(queue);
        return queue;
    }

    private static void now(BlockingCall.Action action) throws InterruptedException {
        BlockingCall.run("caller", action).awaitResult(SOON, NOTHING_TO_WAIT_FOR);
    }

    private static <T> T takeNow(TaskQueue<T> queue) throws InterruptedException {
        return BlockingCall.call("taker", queue::take).awaitResult(SOON, """
                take() from a queue with a task waiting did not return.
                """ + NOTHING_TO_WAIT_FOR);
    }

    private static boolean joinNow(TaskQueue<?> queue, Duration timeout) throws InterruptedException {
        Callable<Boolean> join = () -> queue.join(timeout);
        var deadline = timeout.compareTo(SOON) > 0 ? SOON : timeout.plus(SOON);
        return BlockingCall.call("joiner", join).awaitResult(deadline, timeout.plus(QUIET), """
                join(%s) went on waiting with nothing left to wait for: its timeout had passed, or every task was reported.
                Why: join() returns true as soon as every task put in was reported, and false once its \
                timeout has passed; either way it must not wait longer.""".formatted(Durations.readable(timeout)));
    }

    private static void assertCounts(TaskQueue<?> queue, Counts expected, String when) throws InterruptedException {
        assertThat(BlockingCall.call("reader", queue::counts).awaitResult(SOON, NOTHING_TO_WAIT_FOR))
                .as("counts() %s (waiting, in progress, done, failed)", when)
                .isEqualTo(expected);
    }

    private static void assertRefused(TaskQueue<?> queue, BlockingCall.Action report, String what) throws InterruptedException {
        var call = BlockingCall.run("worker", report);
        assertThat(call.awaitDone(SOON)).as(what + " did not return. " + NOTHING_TO_WAIT_FOR).isTrue();
        try {
            call.result();
        } catch (AssertionError threw) {
            if (threw.getCause() instanceof IllegalStateException) {
                return;
            }
            throw new AssertionError(what + " threw " + threw.getCause() + " instead of IllegalStateException.", threw);
        }
        throw new AssertionError("""
                %s returned normally.
                Why: a report with no task in progress is a bug in the caller (Python's task_done() raises \
                ValueError for it); counting it would make done exceed what was taken and in progress go \
                below zero. Throw IllegalStateException, and change nothing.""".formatted(what));
    }
}
