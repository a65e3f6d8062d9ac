package l15a_failure_reporting_pool;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wrong: a submitted task's failure is reported by the catch inside the task and again by afterExecute, which finds it in the Future. */
public final class FailureReportingPool implements AutoCloseable {

    /** Told about each task that failed: the task as it was given, and what it threw. */
    @FunctionalInterface
    public interface FailureReport {
        void taskFailed(Object task, Throwable failure);
    }

    private final ThreadPoolExecutor pool;
    private final FailureReport report;

    /** A pool of {@code threads} threads that tells {@code report} about every task that fails. */
    public FailureReportingPool(int threads, FailureReport report) {
        this.report = report;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                if (failure != null) {
                    report.taskFailed(task, failure);
                } else if (task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        report.taskFailed(task, e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    /** Runs {@code task} on a thread of the pool; if it throws, {@code report} is told. */
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * Runs {@code task} on a thread of the pool and returns its {@code Future}, which gives its
     * result or its failure as usual; if it throws, {@code report} is told as well.
     */
    public <T> Future<T> submit(Callable<T> task) {
        return pool.submit(() -> {
            try {
                return task.call();
            } catch (Exception failure) {
                report.taskFailed(task, failure);
                throw failure;
            }
        });
    }

    /** Takes no new tasks, and returns once every task given has run and been reported. */
    @Override
    public void close() {
        pool.close();
    }
}
