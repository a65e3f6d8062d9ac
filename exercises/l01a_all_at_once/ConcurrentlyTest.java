package l01a_all_at_once;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import workbook.testkit.BlockingCall;
import workbook.testkit.Durations;
import workbook.testkit.ProbeTasks;
import workbook.testkit.ThreadWatch;

class ConcurrentlyTest {

    private static final int TASKS = 5;
    /**
     * More tasks than a pool sized by this machine's cores has threads (four per core included),
     * so that such a pool fails here on 2 cores and on 8 alike: no verdict depends on the machine.
     */
    private static final int MANY_TASKS = Math.max(64, 4 * Runtime.getRuntime().availableProcessors() + 1);
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    /** How long the tests wait for trivial tasks to start and end before they draw no conclusion. */
    private static final Duration QUICK_TASKS_DEADLINE = Duration.ofMillis(500);
    /** A call that returned with no task started gets this long for one to start. */
    private static final Duration LATE_START = Duration.ofMillis(200);
    /** A caller that stays in one wait this long waits for something, not on its way out. */
    private static final Duration STEADY = Duration.ofMillis(100);
    /**
     * A caller still in one wait this long after every thread it could wait for has ended waits
     * for nothing: longer than STEADY, since a woken thread on a busy machine may take a while to
     * run again.
     */
    private static final Duration STUCK = Duration.ofMillis(300);
    /** How soon an interrupted call must have thrown. */
    private static final Duration PROMPTLY = Duration.ofMillis(500);

    @Test
    @DisplayName("every task runs exactly once")
    void everyTaskRunsOnce() {
        var tasks = HeldTasks.noneHeld(TASKS);
        var call = BlockingCall.call("caller", () -> {
            Concurrently.runAll(tasks.handOut());
            return tasks.runsSoFar();
        });
        awaitReturn(call, "its tasks (which return at once) had run", tasks);
        var runsAtReturn = call.result();
        for (int task = 0; task < TASKS; task++) {
            int timesRun = runsAtReturn[task];
            if (timesRun != 1) {
                throw new AssertionError("""
                        When runAll returned, task %d had run %d times.
                        Each task must run exactly once, and runAll must return only after all of them have run."""
                        .formatted(task, timesRun));
            }
        }
    }

    @Test
    @DisplayName("an empty list of tasks returns at once")
    void noTasks() {
        var call = BlockingCall.run("caller", () -> Concurrently.runAll(List.of()));
        awaitReturn(call, "it was called with no tasks at all", () -> true);
        try {
            call.result();
        } catch (AssertionError thrown) {
            throw new AssertionError("""
                    runAll(List.of()) must return at once: with no tasks there is nothing to run and \
                    nothing to wait for. Instead %s
                    (Executors.newFixedThreadPool(0) throws IllegalArgumentException, for one.)"""
                    .formatted(thrown.getMessage()), thrown.getCause());
        }
    }

    @Test
    @DisplayName("the tasks all run at the same time, each on a thread of its own, 5 of them or many more than the cores")
    void tasksRunAtTheSameTime() {
        for (int count : new int[] {TASKS, MANY_TASKS}) {
            var probes = ProbeTasks.of("runAll", count);
            var call = BlockingCall.call("caller", () -> {
                Concurrently.runAll(probes.handOut());
                return null;
            });
            try {
                failIfNothingWillRunThem(call, probes::started, count, probes::isSettled);
                probes.awaitAllRunning(DEADLINE);
            } finally {
                settle(call);
            }
            // Whether it returns once they have finished is for the tests below to judge.
            if (call.isDone()) {
                call.result();
            }
        }
    }

    @Test
    @DisplayName("runAll waits until every task has finished, and only then returns")
    void runAllWaitsForEveryTask() throws InterruptedException {
        var tasks = HeldTasks.allHeld(TASKS);
        var call = BlockingCall.call("caller", () -> {
            Concurrently.runAll(tasks.handOut());
            return tasks.finished();
        });
        try {
            if (!call.awaitWaitingOrDone(DEADLINE)) {
                throw new AssertionError("""
                        %s after runAll was called, it was still busy, neither waiting nor returned:
                        %s
                        A loop that keeps asking isAlive() keeps a core busy doing nothing; join() waits \
                        without using the CPU.""".formatted(Durations.readable(DEADLINE), call.describe()));
            }
            if (call.isDone()) {
                failIfNothingWillRunThem(call, tasks::started, TASKS, () -> false);
                call.result();
                throw new AssertionError("""
                        runAll returned while its tasks were still running or not started yet (%d of %d \
                        had started, none had finished: each waits for this test to let it finish).
                        Why: starting a thread does not wait for it. A caller that gets control back \
                        before the tasks are done would read results that do not exist yet. After \
                        starting every thread, wait for each one with join() before returning."""
                        .formatted(tasks.started(), TASKS));
            }
            failIfSleeping(call);
            tasks.releaseAll();
            awaitReturn(call, "its tasks were let go and finished", tasks);
        } finally {
            tasks.releaseAll();
            settle(call);
        }
        int finishedAtReturn = call.result();
        if (finishedAtReturn != TASKS) {
            throw new AssertionError("""
                    runAll returned when only %d of its %d tasks had finished. It must wait for every \
                    one of them: join() each thread, not just some of them.""".formatted(finishedAtReturn, TASKS));
        }
    }

    @Test
    @DisplayName("runAll waits for the task that finishes last, whether it is the first task or the last one")
    void runAllWaitsForTheTaskThatFinishesLast() {
        for (int held : new int[] {0, TASKS - 1}) {
            var tasks = HeldTasks.onlyHeld(TASKS, held);
            var call = BlockingCall.run("caller", () -> Concurrently.runAll(tasks.handOut()));
            try {
                // Judged only once every other task is over and its thread has ended (or gone back
                // to its pool): a call that waits only for those returns now.
                // A call that runs its tasks one after another waits for the held one alone: no
                // conclusion then, the test of running at once judges that.
                ThreadWatch.pollUntil(QUICK_TASKS_DEADLINE, () -> call.isDone() || tasks.othersOver(held)
                        || tasks.started() == 1 && staysWaiting(call.thread()));
                boolean othersOver = call.isDone() || tasks.othersOver(held);
                if (!othersOver || tasks.ranInPlace()) {
                    continue;
                }
                // Joining the held task's own thread settles it at once; any other wait must last.
                var heldThread = tasks.threadOf(held);
                ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || ThreadWatch.isWaitingOn(call.thread(), heldThread)
                        || staysWaiting(call.thread()));
                if (!call.isDone() && isSleeping(call.thread())) {
                    throw sleeping(call);
                }
                if (call.isDone()) {
                    call.result();
                    throw new AssertionError("""
                            runAll returned while task %d of its %d tasks was still running (the test \
                            held it back; the %d others had finished).
                            Why: runAll waited for some of its threads but not for that one. Join every \
                            thread it started: the one that finishes last is the one that matters."""
                            .formatted(held, TASKS, TASKS - 1));
                }
            } finally {
                tasks.releaseAll();
                settle(call);
            }
            awaitReturn(call, "its last task was let go and finished", tasks);
            call.result();
        }
    }

    @Test
    @DisplayName("runAll, interrupted while it waits for its tasks, throws InterruptedException")
    void interruptedWhileWaiting() throws InterruptedException {
        var tasks = HeldTasks.allHeld(TASKS);
        var call = BlockingCall.run("caller", () -> Concurrently.runAll(tasks.handOut()));
        try {
            // Judged only when runAll itself waits; a call that never waits, or runs a task in
            // place, is judged by the tests above.
            ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || tasks.ranInPlace()
                    || ThreadWatch.isWaitingIn(call.thread(), Concurrently.class));
            if (call.isDone() || tasks.ranInPlace()) {
                return;
            }
            call.interrupt();
            call.assertThrowsInterruptedException(PROMPTLY, "runAll, waiting for its tasks,");
        } finally {
            tasks.releaseAll();
            settle(call);
        }
    }

    @Test
    @DisplayName("runAll, called with the interrupt flag already set, throws InterruptedException")
    void interruptedBeforeTheCall() throws InterruptedException {
        var tasks = HeldTasks.allHeld(TASKS);
        var call = BlockingCall.runInterrupted("caller", () -> Concurrently.runAll(tasks.handOut()));
        try {
            ThreadWatch.pollUntil(Duration.ofSeconds(1), () -> call.isDone() || tasks.ranInPlace()
                    || ThreadWatch.isWaitingIn(call.thread(), Concurrently.class));
            if (tasks.ranInPlace()) {
                return;
            }
            call.assertThrowsInterruptedException(PROMPTLY,
                    "runAll, called while its tasks could not finish and with the caller's interrupt flag set,");
        } finally {
            tasks.releaseAll();
            settle(call);
        }
    }

    @Test
    @DisplayName("two calls at once keep to their own tasks: one returns while the other's are still running")
    void twoCallsAtOnce() {
        var first = HeldTasks.allHeld(TASKS);
        var firstCall = BlockingCall.run("first caller", () -> Concurrently.runAll(first.handOut()));
        var second = HeldTasks.noneHeld(TASKS);
        try {
            ThreadWatch.pollUntil(QUICK_TASKS_DEADLINE, () -> firstCall.isDone() || first.started() == TASKS
                    || ThreadWatch.isWaitingIn(firstCall.thread(), Concurrently.class));
            var secondCall = BlockingCall.run("second caller", () -> Concurrently.runAll(second.handOut()));
            ThreadWatch.pollUntil(DEADLINE, () -> secondCall.isDone() || isSleeping(secondCall.thread())
                    || second.finished() == TASKS && staysWaiting(secondCall.thread())
                    || second.started() == 0 && ThreadWatch.staysWaitingIn(secondCall.thread(), Concurrently.class, STEADY));
            if (!secondCall.isDone() && isSleeping(secondCall.thread())) {
                throw sleeping(secondCall);
            }
            if (!secondCall.isDone() && second.started() == 0) {
                throw new AssertionError("""
                        Two calls of runAll ran at once. The first one's tasks were held back by this \
                        test, and the second call could not even start its own: it was held up \
                        inside runAll:
                        %s
                        Why: the two calls share something that only one can hold at a time; a \
                        synchronized runAll does that, so one slow call stops every other caller. \
                        Each call needs only its own threads: keep them in a local variable, with no \
                        lock around the wait.""".formatted(secondCall.describe()));
            }
            if (!secondCall.isDone()) {
                throw new AssertionError("""
                        Two calls of runAll ran at once. The first one's tasks were held back by this \
                        test; the second one's had all finished (%d of %d), and yet the second call was \
                        still waiting:
                        %s
                        Why: the second call waited for threads that were not its own. Each call must \
                        keep its threads to itself, in a local variable: a static field shares one \
                        list between every call, from every thread.""".formatted(second.finished(), TASKS,
                        secondCall.describe()));
            }
            secondCall.result();
        } finally {
            first.releaseAll();
            settle(firstCall);
        }
        awaitReturn(firstCall, "its tasks were let go and finished", first);
        firstCall.result();
    }

    @Test
    @DisplayName("the threads runAll starts end with their tasks: nothing is left running")
    void leavesNoThreadBehind() {
        var tasks = HeldTasks.noneHeld(TASKS);
        var call = BlockingCall.run("caller", () -> Concurrently.runAll(tasks.handOut()));
        awaitReturn(call, "its tasks (which return at once) had run", tasks);
        call.result();
        for (var thread : tasks.threadsUsed()) {
            if (!thread.isVirtual() && thread.getName().startsWith("ForkJoinPool.commonPool-worker")) {
                continue;
            }
            boolean ended = ThreadWatch.pollUntil(DEADLINE, () -> !thread.isAlive() || staysWaiting(thread));
            if (!ended || thread.isAlive()) {
                throw new AssertionError("""
                        runAll has returned and its tasks are done, but thread "%s", which ran one of \
                        them, is still alive (%s), waiting for more work.
                        Why: a thread pool's threads wait for the next task until the pool is shut down; \
                        every runAll would leave more of them behind. Shut the executor down before \
                        returning (shutdown(), or close() in a try-with-resources), or start plain \
                        threads, which end with their task.""".formatted(thread.getName(), thread.getState()));
            }
        }
    }

    /**
     * When the call has returned with no task started, a task that was to run would start within
     * moments: when none does, nothing ran them, and waiting out the full deadline would only
     * slow the verdict.
     */
    private static void failIfNothingWillRunThem(BlockingCall<?> call, IntSupplier started,
            int count, BooleanSupplier settled) {
        ThreadWatch.pollUntil(DEADLINE, () -> settled.getAsBoolean() || call.isDone() && started.getAsInt() == 0 || started.getAsInt() > 0);
        if (!settled.getAsBoolean() && call.isDone() && started.getAsInt() == 0
                && !ThreadWatch.pollUntil(LATE_START, () -> started.getAsInt() > 0)) {
            call.result();
            throw new AssertionError("""
                    runAll returned, and none of the %d tasks it was given had started %s later: \
                    nothing ran them.
                    Is each task given to a thread that is started, and does that thread's run() call \
                    the task?""".formatted(count, Durations.readable(LATE_START)));
        }
    }

    /** Fails when the caller waits in {@code Thread.sleep} at any of a few looks while its tasks run. */
    private static void failIfSleeping(BlockingCall<?> call) throws InterruptedException {
        for (int look = 0; look < 10 && !call.isDone(); look++) {
            if (isSleeping(call.thread())) {
                throw sleeping(call);
            }
            Thread.sleep(2);
        }
    }

    private static boolean isSleeping(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals("java.lang.Thread") && frame.getMethodName().startsWith("sleep"));
    }

    private static AssertionError sleeping(BlockingCall<?> call) {
        return new AssertionError("""
                runAll was waiting in Thread.sleep:
                %s
                Why: a sleep waits for a time, not for the tasks. Slower tasks are still running when \
                it ends, and faster ones leave the caller waiting for nothing; a loop that sleeps and \
                asks isAlive() answers late. The rule of this exercise: wait for each thread with \
                join().""".formatted(call.describe()));
    }

    /**
     * True when {@code thread} waits and is still in that same wait {@code steady} later, not
     * woken in between: it waits for something, rather than being on its way out of a wait.
     */
    private static boolean staysWaiting(Thread thread) {
        return staysWaiting(thread, STEADY);
    }

    private static boolean staysWaiting(Thread thread, Duration steady) {
        if (!isWaiting(thread)) {
            return false;
        }
        long waitsBefore = ThreadWatch.timesWaited(thread);
        try {
            Thread.sleep(steady);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching \"" + thread.getName() + "\"", e);
        }
        return isWaiting(thread) && ThreadWatch.timesWaited(thread) == waitsBefore;
    }

    private static boolean isWaiting(Thread thread) {
        var state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    /**
     * After a test, gives the call time to end, but not to sleep or to stay in one wait: such a
     * call is judged by awaitReturn, or left to the tests that judge it.
     */
    private static void settle(BlockingCall<?> call) {
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || isSleeping(call.thread()) || staysWaiting(call.thread()));
    }

    /**
     * Waits for the call to return, and fails when it does not: at once when it sleeps, or when it
     * stays in one wait although every task is over and every thread that ran one has ended or
     * gone back to its pool (nothing is left that could end its wait).
     */
    private static void awaitReturn(BlockingCall<?> call, String after, BooleanSupplier tasksOver) {
        ThreadWatch.pollUntil(DEADLINE, () -> call.isDone() || isSleeping(call.thread())
                || tasksOver.getAsBoolean() && staysWaiting(call.thread(), STUCK));
        if (!call.isDone() && isSleeping(call.thread())) {
            throw sleeping(call);
        }
        if (!call.isDone() && tasksOver.getAsBoolean()) {
            throw new AssertionError("""
                    runAll was still waiting after %s, although every task was over and every thread \
                    that ran one had ended:
                    %s
                    Why: it waits for something that will never happen now: a thread that was never \
                    started, a latch counted down fewer times than it counts, a task that is never \
                    handed to a thread.""".formatted(after, call.describe()));
        }
        if (!call.awaitDone(Duration.ZERO)) {
            throw new AssertionError("""
                    runAll had not returned %s after %s; it seems to wait for something that never happens:
                    %s""".formatted(Durations.readable(DEADLINE), after, call.describe()));
        }
    }

    /**
     * Tasks that note the thread each runs on and, when held, wait (at most 10 s) until the test
     * lets them go, so that the test can see what runAll does while a chosen task is still running.
     */
    private static final class HeldTasks implements BooleanSupplier {

        private final int count;
        private final List<CountDownLatch> letGo;
        private final AtomicReferenceArray<Thread> ranOn;
        private final AtomicIntegerArray over;
        private final AtomicIntegerArray runs;
        private volatile Thread caller;

        private HeldTasks(int count, IntPredicate held) {
            this.count = count;
            this.letGo = IntStream.range(0, count).mapToObj(index -> new CountDownLatch(held.test(index) ? 1 : 0)).toList();
            this.ranOn = new AtomicReferenceArray<>(count);
            this.over = new AtomicIntegerArray(count);
            this.runs = new AtomicIntegerArray(count);
        }

        static HeldTasks allHeld(int count) {
            return new HeldTasks(count, index -> true);
        }

        static HeldTasks noneHeld(int count) {
            return new HeldTasks(count, index -> false);
        }

        static HeldTasks onlyHeld(int count, int held) {
            return new HeldTasks(count, index -> index == held);
        }

        /** The tasks, handed out on the caller's thread. */
        List<Runnable> handOut() {
            caller = Thread.currentThread();
            return IntStream.range(0, count).<Runnable>mapToObj(index -> () -> run(index)).toList();
        }

        private void run(int index) {
            runs.incrementAndGet(index);
            ranOn.compareAndSet(index, null, Thread.currentThread());
            try {
                letGo.get(index).await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                over.set(index, 1);
            }
        }

        void releaseAll() {
            letGo.forEach(CountDownLatch::countDown);
        }

        int started() {
            return (int) IntStream.range(0, count).filter(index -> ranOn.get(index) != null).count();
        }

        int finished() {
            return (int) IntStream.range(0, count).filter(index -> over.get(index) == 1).count();
        }

        boolean ranInPlace() {
            return IntStream.range(0, count).anyMatch(index -> ranOn.get(index) != null && ranOn.get(index) == caller);
        }

        Thread threadOf(int index) {
            return ranOn.get(index);
        }

        int[] runsSoFar() {
            return IntStream.range(0, count).map(runs::get).toArray();
        }

        /**
         * True when the held task has started and every other task is over, its thread ended or
         * back waiting in its pool: nothing but the held task is left for runAll to wait for.
         */
        boolean othersOver(int held) {
            return ranOn.get(held) != null && IntStream.range(0, count).filter(index -> index != held).allMatch(this::isOver);
        }

        /** True when every task is over, and every thread that ran one has ended or waits in its pool. */
        @Override
        public boolean getAsBoolean() {
            return IntStream.range(0, count).allMatch(this::isOver);
        }

        private boolean isOver(int index) {
            var thread = ranOn.get(index);
            return over.get(index) == 1 && thread != null
                    && (thread == caller || thread.getState() == Thread.State.TERMINATED || isWaiting(thread));
        }

        List<Thread> threadsUsed() {
            var threads = new LinkedHashSet<Thread>();
            for (int index = 0; index < count; index++) {
                var thread = ranOn.get(index);
                if (thread != null && thread != caller) {
                    threads.add(thread);
                }
            }
            return new ArrayList<>(threads);
        }
    }
}
