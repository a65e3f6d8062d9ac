package workbook.bench.jmh;

import java.util.ArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * One CPU-bound job, four ways (lesson 16): sequential, split over N platform threads, a parallel
 * stream, and a {@code RecursiveTask} in a {@code ForkJoinPool}. Java threads run on every core at
 * once, so the speed-up is bounded by the number of cores (and by the cores other programs leave
 * free), not by a global lock.
 *
 * <p>The job hashes every int in [0, 2^24) with a 64-bit mixing function (MurmurHash3's finaliser)
 * and adds the hashes: pure arithmetic, no memory traffic, so it is the cores that are measured, not
 * the memory bus. The JIT cannot fold it away: the sum depends on every hash, it is returned (JMH
 * consumes it), and it is checked against the sequential sum, so a variant that skipped work would
 * stop the run instead of winning it. The sum wraps around on overflow, and wrapping addition gives
 * the same result in any order, so every split adds up to the same number.
 *
 * <p>The score is the job's average time in milliseconds (lower is better). The N platform threads
 * are started and joined in each job (starting a thread costs microseconds, the job milliseconds);
 * N is a {@code @Param} of their own state class. The fork/join pool is made once per trial with one
 * worker per core; the parallel stream uses the common pool, which has one worker fewer than the
 * cores and lets the calling thread work too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ParallelSumBenchmark {

    static final int SIZE = 1 << 24;
    static final int SPLIT_BELOW = 1 << 16;

    private long expected;
    private ForkJoinPool forkJoinPool;

    @State(Scope.Benchmark)
    public static class Workers {
        @Param({"2", "4"})
        int threads;
    }

    @Setup(Level.Trial)
    public void prepare() {
        expected = sum(0, SIZE);
        forkJoinPool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    @TearDown(Level.Trial)
    public void close() {
        forkJoinPool.close();
    }

    @Benchmark
    public long sequential() {
        return checked(sum(0, SIZE));
    }

    @Benchmark
    public long platformThreads(Workers workers) throws InterruptedException {
        var partial = new long[workers.threads];
        var threads = new ArrayList<Thread>();
        for (int index = 0; index < workers.threads; index++) {
            int part = index;
            int from = (int) ((long) SIZE * part / workers.threads);
            int to = (int) ((long) SIZE * (part + 1) / workers.threads);
            threads.add(Thread.ofPlatform().start(() -> partial[part] = sum(from, to)));
        }
        long total = 0;
        for (int index = 0; index < workers.threads; index++) {
            threads.get(index).join();
            total += partial[index];
        }
        return checked(total);
    }

    @Benchmark
    public long parallelStream() {
        return checked(IntStream.range(0, SIZE).parallel().mapToLong(ParallelSumBenchmark::mix).sum());
    }

    @Benchmark
    public long forkJoinTask() {
        return checked(forkJoinPool.invoke(new SumTask(0, SIZE)));
    }

    private static final class SumTask extends RecursiveTask<Long> {
        private final int from;
        private final int to;

        SumTask(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= SPLIT_BELOW) {
                return sum(from, to);
            }
            int middle = (from + to) >>> 1;
            var left = new SumTask(from, middle);
            left.fork();
            long right = new SumTask(middle, to).compute();
            return right + left.join();
        }
    }

    private long checked(long sum) {
        if (sum != expected) {
            throw new IllegalStateException("The sum is " + sum + ", the sequential sum " + expected + ": this variant lost work");
        }
        return sum;
    }

    static long sum(int from, int to) {
        long sum = 0;
        for (int value = from; value < to; value++) {
            sum += mix(value);
        }
        return sum;
    }

    static long mix(int value) {
        long hash = value;
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
