package l12b_graceful_stop;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Wrong: it reports every job that had not finished, so the jobs interrupted while running are named as never run. */
public final class JobService {

    private final ExecutorService pool;
    private final Set<String> unfinished = new LinkedHashSet<>(); // guarded by itself

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
        synchronized (unfinished) {
            unfinished.add(name);
        }
        pool.execute(new Job(name, () -> {
            work.run();
            synchronized (unfinished) {
                unfinished.remove(name);
            }
        }));
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
        pool.shutdownNow();
        List<String> neverStarted;
        synchronized (unfinished) {
            neverStarted = List.copyOf(unfinished);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return neverStarted;
    }
}
