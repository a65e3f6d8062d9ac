package l12b_graceful_stop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service that runs named jobs on a few worker threads of its own, and stops gracefully: it
 * finishes the jobs it took while there is time, then cancels the rest and says which never ran.
 *
 * <p>As shipped, its threads have the pool's default names, and {@code stop} drops everything at
 * once and reports nothing.
 */
public final class JobService {

    private final ExecutorService pool;

    /** A service of {@code workers} threads named {@code name-1}, {@code name-2}, and so on. */
    public JobService(String name, int workers) {
        // TODO: name the threads.
        this.pool = Executors.newFixedThreadPool(workers);
    }

    /**
     * Takes the job called {@code name} to be run on one of the service's threads.
     *
     * @throws java.util.concurrent.RejectedExecutionException once {@link #stop} has been called
     */
    public void submit(String name, Runnable work) {
        // TODO: keep the job's name with its work.
        pool.execute(work);
    }

    /**
     * Takes no more jobs, and lets the jobs already taken run, waiting at most {@code limit} in all.
     * Then cancels the rest: jobs still running are interrupted, jobs not started never will be.
     *
     * @return the names of the jobs that were taken and never started, in the order they were taken
     */
    public List<String> stop(Duration limit) {
        // TODO: finish the queued jobs within the limit first, then cancel the rest and report them.
        pool.shutdownNow();
        return List.of();
    }
}
