package workbook.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One shared counter, four ways to count safely: a {@code synchronized} block, a
 * {@code ReentrantLock}, an {@code AtomicLong} and a {@code LongAdder} (lessons 03 and 14).
 *
 * <p>The counter is the benchmark's state with {@code Scope.Benchmark}: every measuring thread
 * increments the same instance, which is the contention the lessons talk about. The thread count
 * is not written here: {@code ./workbook bench counter} runs this class at 1, 2 and 4 threads
 * ({@code @Threads} would fix one count per method). On a 2-core machine 4 threads oversubscribe
 * the cores: threads are descheduled while they hold the lock, which is part of what a lock costs
 * on a busy machine, and JMH's score is then the total of all threads, not each one's.
 *
 * <p>The score is throughput, increments per microsecond summed over the threads (higher is
 * better). Each method returns the new count where the API gives one, so that JMH consumes it;
 * {@code LongAdder.increment()} returns nothing, and its write to shared memory is an effect the JIT
 * must keep anyway. A lock that only one thread ever takes is cheap (no other core owns its cache
 * line); the cost that grows with threads is the cache line moving between cores, and for the locks
 * the threads that park and wake. {@code LongAdder} spreads colliding threads over several cells, so
 * contention should cost its increments less than the others' (the chart says whether it did, on the
 * machine it names); its {@code sum()}, not measured here, pays for that by adding the cells up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CounterBenchmark {

    private final Object monitor = new Object();
    private long synchronizedCount; // guarded by monitor

    private final ReentrantLock lock = new ReentrantLock();
    private long lockedCount; // guarded by lock

    private final AtomicLong atomicCount = new AtomicLong();
    private final LongAdder adderCount = new LongAdder();

    @Benchmark
    public long synchronizedBlock() {
        synchronized (monitor) {
            return ++synchronizedCount;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++lockedCount;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long atomicLong() {
        return atomicCount.incrementAndGet();
    }

    @Benchmark
    public void longAdder() {
        adderCount.increment();
    }
}
