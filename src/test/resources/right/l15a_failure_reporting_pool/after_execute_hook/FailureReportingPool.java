package l15a_failure_reporting_pool;

import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Right, with the pool's own hook: {@code ThreadPoolExecutor.afterExecute} runs on the pool thread
 * after every task, with what an executed task threw, or {@code null}. A submitted task never
 * throws there (its {@code FutureTask} keeps the failure), so the hook asks the future instead,
 * and reports only a {@code FAILED} one: a cancelled one is {@code CANCELLED}. {@code newTaskFor}
 * makes those futures remember the task as it was given. An executed task's failure still ends its
 * thread, which the pool replaces; it is reported once, here.
 */
public final class FailureReportingPool implements AutoCloseable {

    /** Told about each task that failed: the task as it was given, and what it threw. */
    @FunctionalInterface
    public interface FailureReport {
        void taskFailed(Object task, Throwable failure);
    }

    /** A submitted task's future, which remembers the task. */
    private static final class TaskFuture<T> extends FutureTask<T> {
        final Callable<T> task;

        TaskFuture(Callable<T> task) {
            super(task);
            this.task = task;
        }
    }

    private final ThreadPoolExecutor pool;

    /** A pool of {@code threads} threads that tells {@code report} about every task that fails. */
    public FailureReportingPool(int threads, FailureReport report) {
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected <T> RunnableFuture<T> newTaskFor(Callable<T> task) {
                return new TaskFuture<>(task);
            }

            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                if (task instanceof TaskFuture<?> future) {
                    if (future.state() == Future.State.FAILED) {
                        report.taskFailed(future.task, future.exceptionNow());
                    }
                } else if (failure != null) {
                    report.taskFailed(task, failure);
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
        return pool.submit(task);
    }

    /** Takes no new tasks, and returns once every task given has run and been reported. */
    @Override
    public void close() {
        pool.close();
    }
}
