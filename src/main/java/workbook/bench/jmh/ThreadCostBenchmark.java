package workbook.bench.jmh;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a thread costs (lesson 12): one tiny task run on a new platform thread, handed to a pool of
 * two platform threads, or run on a new virtual thread, each waited for before the next.
 *
 * <p>The task only consumes a few CPU cycles ({@code Blackhole.consumeCPU}), so what is measured is
 * the way there and back: creating, starting and joining an operating-system thread; queueing a task
 * for a thread that already exists and waking it; creating a virtual thread and scheduling it on a
 * carrier. The score is the average time per task in microseconds (lower is better). The pool is
 * made once per trial, so its two threads' start-up is not in the score, which is the point of a
 * pool.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ThreadCostBenchmark {

    private static final Runnable TINY = () -> Blackhole.consumeCPU(100);

    private ExecutorService pool;

    @Setup(Level.Trial)
    public void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pool.shutdownNow();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The pool's threads did not end within 10 s of shutdownNow()");
        }
    }

    @Benchmark
    public void newPlatformThread() throws InterruptedException {
        Thread.ofPlatform().start(TINY).join();
    }

    @Benchmark
    public Object poolOfTwoPlatformThreads() throws InterruptedException, ExecutionException {
        return pool.submit(TINY).get();
    }

    @Benchmark
    public void newVirtualThread() throws InterruptedException {
        Thread.ofVirtual().start(TINY).join();
    }
}
