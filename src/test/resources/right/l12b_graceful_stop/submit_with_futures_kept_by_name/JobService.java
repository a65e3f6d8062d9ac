package l12b_graceful_stop;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Right: jobs go in with {@code submit}, and the service keeps each {@code Future}'s name. The
 * queue then holds those same {@code FutureTask}s, so the tasks {@code shutdownNow()} hands back are
 * keys of the map. The threads come from a factory of its own, whose counter belongs to this
 * service. The caller's interrupt ends the wait, like the limit, and is set again before returning.
 */
public final class JobService {

    private final ExecutorService pool;
    private final Map<Object, String> names = new ConcurrentHashMap<>();

    public JobService(String name, int workers) {
        var made = new AtomicInteger();
        ThreadFactory factory = work -> new Thread(work, name + "-" + made.incrementAndGet());
        this.pool = Executors.newFixedThreadPool(workers, factory);
    }

    public void submit(String name, Runnable work) {
        synchronized (names) {
            names.put(pool.submit(work), name);
        }
    }

    public List<String> stop(Duration limit) {
        pool.shutdown();
        boolean interrupted = Thread.interrupted();
        try {
            if (!interrupted && pool.awaitTermination(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                return List.of();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        List<Runnable> neverStarted = pool.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (names) {
            return neverStarted.stream().map(names::get).toList();
        }
    }
}
