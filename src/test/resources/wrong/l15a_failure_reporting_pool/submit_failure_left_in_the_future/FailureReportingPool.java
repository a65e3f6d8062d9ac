package l15a_failure_reporting_pool;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Wrong: a task given to submit() that throws leaves its exception in the Future, and nobody who does not call get() ever hears of it. */
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
        return pool.submit(task);
    }

    /** Takes no new tasks, and returns once every task given has run and been reported. */
    @Override
    public void close() {
        pool.close();
    }
}
