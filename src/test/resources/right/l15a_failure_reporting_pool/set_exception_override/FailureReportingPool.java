package l15a_failure_reporting_pool;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Right, with one kind of task for both ways in: every task, executed or submitted, runs as a
 * {@code FutureTask} that overrides {@code setException}, the method the future calls with what
 * its task threw, exception or {@code Error}. A future already cancelled ignores it, so the report
 * is made only when the future did take the failure. An executed task's future is simply not
 * handed back; nothing reaches the pool thread's handler, so nothing is reported twice.
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
        pool.execute(new ReportedTask<>(Executors.callable(task), task));
    }

    /**
     * Runs {@code task} on a thread of the pool and returns its {@code Future}, which gives its
     * result or its failure as usual; if it throws, {@code report} is told as well.
     */
    public <T> Future<T> submit(Callable<T> task) {
        var future = new ReportedTask<>(task, task);
        pool.execute(future);
        return future;
    }

    /** Takes no new tasks, and returns once every task given has run and been reported. */
    @Override
    public void close() {
        pool.close();
    }

    private final class ReportedTask<T> extends FutureTask<T> {
        private final Object given;

        ReportedTask(Callable<T> work, Object given) {
            super(work);
            this.given = given;
        }

        @Override
        protected void setException(Throwable failure) {
            super.setException(failure);
            if (!isCancelled()) {
                report.taskFailed(given, failure);
            }
        }
    }
}
