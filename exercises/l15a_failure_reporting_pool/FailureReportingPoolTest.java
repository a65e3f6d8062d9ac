package l15a_failure_reporting_pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import workbook.testkit.BlockingCall;
import workbook.testkit.NoThreadLeaks;
import workbook.testkit.ProbeTasks;
import workbook.testkit.ThreadWatch;

@ExtendWith(NoThreadLeaks.class)
class FailureReportingPoolTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    /** What reached the JVM's default uncaught-exception handler during the test, instead of printing it. */
    private final Queue uncaught = new Queue();
    private Thread.UncaughtExceptionHandler defaultHandlerBefore;
    private final List<FailureReportingPool> pools = new ArrayList<>();

    @BeforeEach
    void collectUncaughtExceptions() {
        defaultHandlerBefore = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> uncaught.add(new Report(thread.getName(), failure, thread.getName())));
    }

    @AfterEach
    void restoreTheDefaultHandler() {
        Thread.setDefaultUncaughtExceptionHandler(defaultHandlerBefore);
    }

    /**
     * Closes every pool the test made, also when the test failed before its own close(): a pool
     * left open keeps threads that are not daemons, and they would keep the JVM from ending.
     */
    @AfterEach
    void closeEveryPool() {
        for (var pool : pools) {
            BlockingCall.run("closer", pool::close).awaitDone(DEADLINE);
        }
    }

    private FailureReportingPool newPool(int threads, FailureReportingPool.FailureReport report) {
        var pool = new FailureReportingPool(threads, report);
        pools.add(pool);
        return pool;
    }

    @Test
    @DisplayName("a task given to execute() that throws an exception is reported once, with the task and its exception")
    void executeReportsAnException() throws InterruptedException {
        var reports = new Queue();
        var failure = new IllegalStateException("disk on fire");
        var task = Task.throwing("task 'burn'", failure);
        var pool = newPool(2, reports);
        pool.execute(task);
        closeWithin(pool);
        assertReportedOnce(reports, task, failure, "a task given to execute() that throws an IllegalStateException");
    }

    @Test
    @DisplayName("a task given to execute() that throws an Error is reported once too")
    void executeReportsAnError() throws InterruptedException {
        var reports = new Queue();
        var failure = new TaskError("out of cheese");
        var task = Task.throwing("task 'cheese'", failure);
        var pool = newPool(2, reports);
        pool.execute(task);
        closeWithin(pool);
        assertReportedOnce(reports, task, failure, "a task given to execute() that throws an Error");
    }

    @Test
    @DisplayName("a task given to submit() that throws is reported once, and its Future still throws ExecutionException with the task's exception")
    void submitReportsAnException() throws InterruptedException {
        var reports = new Queue();
        var failure = new IllegalArgumentException("no such order");
        var task = Task.throwing("task 'order'", failure);
        var pool = newPool(2, reports);
        var future = pool.submit(task);
        assertFutureFailsWith(future, failure, "a task that throws an IllegalArgumentException");
        closeWithin(pool);
        assertReportedOnce(reports, task, failure, "a task given to submit() that throws an IllegalArgumentException");
    }

    @Test
    @DisplayName("a task given to submit() that throws an Error is reported once, and its Future still throws it")
    void submitReportsAnError() throws InterruptedException {
        var reports = new Queue();
        var failure = new TaskError("stack of plates fell over");
        var task = Task.throwing("task 'plates'", failure);
        var pool = newPool(2, reports);
        var future = pool.submit(task);
        assertFutureFailsWith(future, failure, "a task that throws an Error");
        closeWithin(pool);
        assertReportedOnce(reports, task, failure, "a task given to submit() that throws an Error");
    }

    @Test
    @DisplayName("tasks that succeed are not reported, and a submitted task's Future gives its result")
    void successesAreNotReported() throws Exception {
        var reports = new Queue();
        var ran = new CountDownLatch(1);
        var pool = newPool(2, reports);
        pool.execute(ran::countDown);
        Future<Integer> future = pool.submit(() -> 42);
        assertThat(future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                .as("""
                        What get() returned for a submitted task that returns 42.
                        Why: the Future from submit() must give the task's own result.""")
                .isEqualTo(42);
        closeWithin(pool);
        assertThat(ran.getCount()).as("tasks given to execute() that had not run when close() returned").isZero();
        assertThat(reports.all())
                .as("""
                        Reports made for two tasks that did not fail.
                        Why: only a task that throws is reported.""")
                .isEmpty();
    }

    @Test
    @DisplayName("a submitted task that fails because its Future was cancelled is not reported")
    void cancelledTaskIsNotReported() throws InterruptedException {
        var reports = new Queue();
        var started = new CountDownLatch(1);
        var sawTheInterrupt = new AtomicBoolean();
        var task = new Task("task 'cancel me'", () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                sawTheInterrupt.set(true);
                throw new IllegalStateException("stopped: my Future was cancelled", e);
            }
            return null;
        });
        var pool = newPool(2, reports);
        var future = pool.submit(task);
        assertThat(started.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).as("the submitted task started within 2 s").isTrue();
        future.cancel(true);
        assertThat(ThreadWatch.pollUntil(DEADLINE, sawTheInterrupt::get))
                .as("""
                        The running task saw an interrupt within 2 s of cancel(true) on its Future.
                        Why: cancel(true) on the Future that submit() returns must interrupt the task, as \
                        an executor's Future does. Return the Future that runs the task (the pool's own, or \
                        a FutureTask the pool executes); CompletableFuture.cancel interrupts nothing.""")
                .isTrue();
        closeWithin(pool);
        assertThat(reports.all())
                .as("""
                        Reports made for a task that threw only because its Future was cancelled.
                        Why: a cancel is asked for, not a failure, and the Future already says \
                        "cancelled": what the task throws afterwards is dropped by its Future. Report a \
                        submitted task from its Future (FutureTask.done(), when state() is FAILED), not \
                        from a catch inside the task, which cannot tell a cancelled task from a failed one.""")
                .isEmpty();
    }

    @Test
    @DisplayName("two pools side by side each report their own failures")
    void twoPoolsReportTheirOwn() throws InterruptedException {
        var firstReports = new Queue();
        var secondReports = new Queue();
        var firstFailure = new IllegalStateException("first pool's failure");
        var secondFailure = new IllegalStateException("second pool's failure");
        var firstTask = Task.throwing("task 'first'", firstFailure);
        var secondTask = Task.throwing("task 'second'", secondFailure);
        var first = newPool(1, firstReports);
        var second = newPool(1, secondReports);
        first.execute(firstTask);
        first.submit(firstTask);
        second.execute(secondTask);
        second.submit(secondTask);
        closeWithin(first);
        closeWithin(second);
        var why = """
                Why: each pool has a report of its own. A report kept in a static field, or in the JVM's \
                default uncaught-exception handler (Thread.setDefaultUncaughtExceptionHandler, one for \
                the whole program), is the last pool's for every pool.""";
        assertThat(firstReports.describe())
                .as("the first pool's reports, for its task given once to execute() and once to submit().%n%s", why)
                .isEqualTo(List.of(firstTask + " threw " + firstFailure, firstTask + " threw " + firstFailure));
        assertThat(secondReports.describe())
                .as("the second pool's reports, for its task given once to execute() and once to submit().%n%s", why)
                .isEqualTo(List.of(secondTask + " threw " + secondFailure, secondTask + " threw " + secondFailure));
    }

    @Test
    @DisplayName("many tasks failing at once on many threads are each reported once")
    void manyFailuresAtOnce() throws InterruptedException {
        var reports = new Queue();
        var pool = newPool(4, reports);
        var expected = new ArrayList<String>();
        var futures = new ArrayList<Future<Object>>();
        for (int i = 0; i < 12; i++) {
            var failure = i % 3 == 0 ? new TaskError("error " + i) : new IllegalStateException("exception " + i);
            var task = Task.throwing("task " + i, failure);
            if (i % 2 == 0) {
                pool.execute(task);
            } else {
                futures.add(pool.submit(task));
            }
            expected.add(task + " threw " + failure);
        }
        closeWithin(pool);
        assertThat(reports.describe())
                .as("""
                        Reports of 12 failing tasks, half given to execute() and half to submit(), a third \
                        of them throwing an Error, on 4 threads.
                        Why: every failure is reported exactly once, whichever way its task was given and \
                        whatever it threw.""")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(futures).as("the Futures of the 6 submitted tasks: each should say it failed")
                .allMatch(future -> future.state() == Future.State.FAILED);
    }

    @Test
    @DisplayName("after tasks failed on every thread, the pool still runs as many tasks at once as it has threads")
    void failuresDoNotShrinkThePool() throws InterruptedException {
        var reports = new Queue();
        var pool = newPool(3, reports);
        for (int i = 0; i < 3; i++) {
            pool.execute(Task.throwing("task " + i, new IllegalStateException("failure " + i)));
        }
        var probes = ProbeTasks.of("FailureReportingPool.execute", 3);
        probes.handOut().forEach(pool::execute);
        probes.awaitAllRunning(DEADLINE);
        closeWithin(pool);
    }

    @Test
    @DisplayName("close() waits for a task still running, and returns once its failure is reported")
    void closeWaitsForTheRunningTask() throws InterruptedException {
        var reports = new Queue();
        var release = new CountDownLatch(1);
        var failure = new IllegalStateException("failed while the pool was closing");
        var task = new Task("task 'late'", () -> {
            release.await(5, TimeUnit.SECONDS);
            throw failure;
        });
        var pool = newPool(1, reports);
        pool.execute(task);
        var closing = BlockingCall.run("closer", pool::close);
        try {
            closing.assertBlocks(DEADLINE, """
                    close(), called while a task still runs (it returns only once every task given has \
                    run and been reported, as an executor's close() does),""");
        } finally {
            release.countDown();
        }
        closing.awaitResult(DEADLINE, "close() should return once the last task has ended.");
        assertReportedOnce(reports, task, failure, "a task that failed while close() waited for it");
    }

    private static void closeWithin(FailureReportingPool pool) throws InterruptedException {
        BlockingCall.run("closer", pool::close).awaitResult(DEADLINE, """
                close() had not returned 2 s after it was called, though every task had ended or could end.
                Why: close() waits for the tasks given, and nothing more.""");
    }

    private static void assertFutureFailsWith(Future<?> future, Throwable failure, String what) {
        var thrown = catchThrowable(() -> future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        if (thrown instanceof ExecutionException && thrown.getCause() == failure) {
            return;
        }
        throw new AssertionError("""
                get() on the Future of %s %s.
                Expected: ExecutionException, with what the task threw (%s) as its cause.
                Why: reporting a failure must not hide it from whoever reads the Future. A catch \
                inside the submitted task that reports and does not rethrow makes the Future say the \
                task succeeded."""
                .formatted(what, thrown == null ? "returned normally" : "threw " + thrown, failure), thrown);
    }

    private void assertReportedOnce(Queue reports, Task task, Throwable failure, String what) {
        var all = reports.all();
        var forTask = all.stream().filter(report -> report.task() == task).toList();
        if (forTask.size() == 1 && forTask.getFirst().failure() == failure) {
            assertThat(all).as("every report made for %s", what).hasSize(1);
            return;
        }
        var told = """
                Reports made for %s (%s, which threw %s): %s.
                The JVM's default uncaught-exception handler got: %s.
                """.formatted(what, task, failure, reports.describe(), uncaught.describeFailures());
        String why;
        if (forTask.size() > 1) {
            why = """
                    Why: each failure is reported exactly once. Two places report it here (a catch in the \
                    task and a hook on the pool or the Future, say); keep one.""";
        } else if (forTask.size() == 1) {
            why = """
                    Why: report the task's own exception, not a wrapper: ExecutionException is only how \
                    a Future passes it on, its getCause() is what the task threw.""";
        } else if (!all.isEmpty()) {
            why = """
                    Why: report the task as it was given, not the wrapper that ran it (a FutureTask, a \
                    lambda of your own): whoever reads the report knows their task, not yours.""";
        } else if (uncaught.hasFailure(failure)) {
            why = """
                    Why: the failure left the task and ended its pool thread, whose uncaught-exception \
                    handler prints it and forgets it. Catch what the task throws around task.run() and \
                    report it; catch Throwable, since an Error is not an Exception. A handler set with \
                    Thread.currentThread() is the caller's, not the pool threads'.""";
        } else {
            why = """
                    Why: the failure stayed inside a Future, where nobody hears of it until someone calls \
                    get(). A submitted task's FutureTask catches everything it throws: report it from the \
                    FutureTask (override done(), and report when state() is FAILED).""";
        }
        throw new AssertionError(told + why);
    }

    /** A task with a name, to be given to execute() as a Runnable or to submit() as a Callable. */
    private record Task(String name, Callable<Object> body) implements Runnable, Callable<Object> {
        static Task throwing(String name, Throwable failure) {
            return new Task(name, () -> {
                throw sneaky(failure);
            });
        }

        @Override
        public Object call() throws Exception {
            return body.call();
        }

        @Override
        public void run() {
            try {
                body.call();
            } catch (Exception e) {
                throw sneaky(e);
            }
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> T sneaky(Throwable failure) throws T {
            throw (T) failure;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Report(Object task, Throwable failure, String thread) {}

    /** Reports as they come, from any thread. */
    private static final class Queue implements FailureReportingPool.FailureReport {
        private final ConcurrentLinkedQueue<Report> reports = new ConcurrentLinkedQueue<>();

        @Override
        public void taskFailed(Object task, Throwable failure) {
            reports.add(new Report(task, failure, Thread.currentThread().getName()));
        }

        void add(Report report) {
            reports.add(report);
        }

        List<Report> all() {
            return List.copyOf(reports);
        }

        List<String> describe() {
            return reports.stream().map(report -> report.task() + " threw " + report.failure()).toList();
        }

        String describeFailures() {
            return reports.isEmpty() ? "nothing"
                    : reports.stream().map(report -> report.failure() + " on thread " + report.thread())
                            .collect(Collectors.joining("; "));
        }

        boolean hasFailure(Throwable failure) {
            return reports.stream().anyMatch(report -> report.failure() == failure);
        }
    }

    /** An Error of the test's own, thrown by a task. */
    private static final class TaskError extends Error {
        TaskError(String message) {
            super(message);
        }
    }
}
