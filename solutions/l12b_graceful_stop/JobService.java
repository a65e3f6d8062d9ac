package l12b_graceful_stop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A service that runs named jobs on a few worker threads of its own, and stops gracefully: it
 * finishes the jobs it took while there is time, then cancels the rest and says which never ran.
 *
 * <p>Why it is right: the threads come from a factory that numbers them per service
 * ({@code Thread.ofPlatform().name(name + "-", 1)}), so two services never share a counter. A job
 * is handed to the pool as a {@link Job}, the name and the work together, with {@code execute}:
 * the pool's queue then holds the {@code Job} objects themselves ({@code submit} would wrap each in
 * a {@code FutureTask}). {@code stop} first calls {@code shutdown()}: no new jobs, the queued ones
 * still run. {@code awaitTermination} waits for them, one budget for the whole limit. If they are
 * not done by then, {@code shutdownNow()} interrupts the running jobs and hands back, in queue
 * order, exactly the jobs no thread has taken: a job a worker took a moment before still runs,
 * and is not in that list. An interrupt of the caller ends the wait the same way, and the flag is
 * set again so that the caller's caller still sees it.
 */
public final class JobService {

    private final ExecutorService pool;

    /** A named piece of work, as the pool holds it. */
    private record Job(String name, Runnable work) implements Runnable {
        @Override
        public void run() {
            work.run();
        }
    }

    /** A service of {@code workers} threads named {@code name-1}, {@code name-2}, and so on. */
    public JobService(String name, int workers) {
        this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name(name + "-", 1).factory());
    }

    /**
     * Takes the job called {@code name} to be run on one of the service's threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException once {@link #stop} has been called
     */
    public void submit(String name, Runnable work) {
        pool.execute(new Job(name, work));
    }

    /**
     * Takes no more jobs, and lets the jobs already taken run, waiting at most {@code limit} in all.
     * Then cancels the rest: jobs still running are interrupted, jobs not started never will be.
     *
     * @return the names of the jobs that were taken and never started, in the order they were taken
     */
    public List<String> stop(Duration limit) {
        pool.shutdown();
        boolean interrupted = false;
        try {
            if (pool.awaitTermination(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return List.of();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        var neverStarted = pool.shutdownNow().stream().map(job -> ((Job) job).name()).toList();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return neverStarted;
    }
}
