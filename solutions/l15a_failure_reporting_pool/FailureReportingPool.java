package l15a_failure_reporting_pool;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * A pool of threads that tells someone about every task that fails.
 *
 * <p>Why this is right: a task given to {@code execute} runs inside a wrapper that catches
 * {@code Throwable}, so an {@code Error} is reported like an exception, and the failure stops
 * there: it never reaches the pool thread's uncaught-exception handler, so nothing else reports
 * it again. A task given to {@code submit} must not be caught that way, or its {@code Future}
 * would say it succeeded; instead its {@code FutureTask} reports in {@code done()}, the hook that
 * runs once when the future is complete, and only when the future's state is {@code FAILED}. A
 * cancelled future's state is {@code CANCELLED} whatever its task throws afterwards, so a task
 * that fails because it was cancelled is not reported. Both reports are made on the pool thread
 * before the task's run ends (a cancel runs {@code done()} on the canceller's thread, but then
 * nothing is reported), so {@code close()}, which waits for every run to end, returns after every
 * report. The report is a field of each pool, so two pools report to their own.
 */
public final class FailureReportingPool implements AutoCloseable {

    /** Told about each task that failed: the task as it was given, and what it threw. */
    @FunctionalInterface
    public interface FailureReport {
        void taskFailed(Object task, Throwable failure);
    }

    private final ExecutorService pool;
    private final FailureReport report;

    /** A pool of {@code threads} threads that tells {@code report} about every task that fails. */
    public FailureReportingPool(int threads, FailureReport report) {
        this.pool = Executors.newFixedThreadPool(threads);
        this.report = report;
    }

    /** Runs {@code task} on a thread of the pool; if it throws, {@code report} is told. */
    public void execute(Runnable task) {
        pool.execute(() -> {
            try {
                task.run();
            } catch (Throwable failure) {
                report.taskFailed(task, failure);
            }
        });
    }

    /**
     * Runs {@code task} on a thread of the pool and returns its {@code Future}, which gives its
     * result or its failure as usual; if it throws, {@code report} is told as well.
     */
    public <T> Future<T> submit(Callable<T> task) {
        var future = new FutureTask<T>(task) {
            @Override
            protected void done() {
                if (state() == State.FAILED) {
                    report.taskFailed(task, exceptionNow());
                }
            }
        };
        pool.execute(future);
        return future;
    }

    /** Takes no new tasks, and returns once every task given has run and been reported. */
    @Override
    public void close() {
        pool.close();
    }
}
