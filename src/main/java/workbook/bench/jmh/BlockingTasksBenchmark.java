package workbook.bench.jmh;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * 10,000 tasks that each block for 10 ms (a sleep, standing for a slow call), run on a fixed pool of
 * platform threads or on one virtual thread per task (lesson 17).
 *
 * <p>One operation is the whole batch: submit every task, wait until the last one is done. The score
 * is the batch's average time in milliseconds (lower is better). A pool of {@code n} platform threads
 * can only have {@code n} tasks asleep at once, so the batch takes about 10,000 / n × 10 ms however
 * fast the CPU is: 1 s with 100 threads, 0.1 s with 1,000. Virtual threads unmount from their carrier
 * while they sleep, so all 10,000 sleep at once and the batch takes a little more than one task's
 * 10 ms: what is left is the cost of creating and scheduling 10,000 virtual threads.
 *
 * <p>The pool is made once per trial ({@code @Setup(Level.Trial)} in its own state class), so its
 * threads' start-up is not measured, and its size is a {@code @Param} of that class alone, so the
 * virtual-thread benchmark does not run once per pool size. The virtual-thread executor is made per
 * batch, because that is how it is meant to be used (it is cheap, and never pooled). A batch that an
 * interrupt cut short still counts its tasks down, so a run can never hang on the latch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BlockingTasksBenchmark {

    static final int TASKS = 10_000;
    static final Duration BLOCKED_FOR = Duration.ofMillis(10);

    @State(Scope.Benchmark)
    public static class PlatformPool {
        @Param({"100", "1000"})
        int poolSize;

        ExecutorService pool;

        @Setup(Level.Trial)
        public void start() {
            pool = Executors.newFixedThreadPool(poolSize);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            pool.shutdownNow();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The pool's threads did not end within 10 s of shutdownNow()");
            }
        }
    }

    @Benchmark
    public int platformThreadPool(PlatformPool platform) throws InterruptedException {
        return runBatch(platform.pool);
    }

    @Benchmark
    public int virtualThreadPerTask() throws InterruptedException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            return runBatch(executor);
        }
    }

    private static int runBatch(ExecutorService executor) throws InterruptedException {
        var done = new CountDownLatch(TASKS);
        for (int task = 0; task < TASKS; task++) {
            executor.execute(() -> {
                try {
                    Thread.sleep(BLOCKED_FOR);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return TASKS;
    }
}
