package workbook.demos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

/**
 * Lesson 16 — real parallelism without a GIL: one CPU-bound job (counting primes by trial
 * division) done four ways, and what a process costs against a thread.
 * <ul>
 *   <li>{@link #sequential(int)}, {@link #threads(int, int)}, {@link #parallelStream(int)} and
 *       {@link #forkJoin(int, int)} count the primes below a limit, each the best of a few runs
 *       after a warm-up, and return the milliseconds; {@link #compareWays(int)} runs all four,
 *       checks that they agree, and prints each speed-up against the sequential count;</li>
 *   <li>{@link #amdahl(double, int)}: the most a job can speed up on {@code cores} cores when only
 *       a part of it runs in parallel;</li>
 *   <li>{@link #threadStartMicros(int)} and {@link #processStartMillis(int)}: starting a thread
 *       and waiting for it, against starting a small JVM and waiting for it;</li>
 *   <li>{@link #lateChildKilled(Duration)}: a child JVM that is still running at its limit is
 *       killed, and waited for.</li>
 * </ul>
 * Every figure is printed with the load average of the machine when it was taken: these are rough
 * timings on a shared machine, not benchmarks (lesson 18's {@code ParallelSumBenchmark} measures
 * the same kind of speed-up with JMH).
 *
 * <p>Run it with {@code ./workbook demo 16}, or in JShell: {@code /open lessons/16-parallelism.jsh}.
 * One run on a 2-core Linux machine (a shared VM) with Temurin 25.0.3, with other engineers' builds
 * running (load average 5.3; "cores busy" is the JVM's CPU time over the wall-clock time of the
 * run, so other programs can only lower it; at loads of 8 to 19 no way got much past one core):
 * <pre>
 * Counting the primes below 1,000,000 on 2 cores (OpenJDK 64-Bit Server VM 25.0.3+9-LTS):
 *   sequential, 1 thread           78,498 primes in    123.7 ms, 0.97 cores busy (best of 3, load average 5.29)
 *   2 platform threads             78,498 primes in     67.2 ms, 1.79 cores busy (best of 3, load average 5.29)
 *   parallel stream                78,498 primes in     75.6 ms, 1.45 cores busy (best of 3, load average 5.29)
 *   ForkJoinPool, RecursiveTask    78,498 primes in    100.4 ms, 1.29 cores busy (best of 3, load average 5.26)
 *   best speed-up: 1.84 x on 2 cores
 *
 * Amdahl: a job that is 90% parallel runs at most 1.8 x faster on 2 cores, 4.7 x on 8, 8.8 x on 64
 *
 * start a thread and join it:                     172.5 µs each (1000 threads, load average 5.26)
 * start a JVM (java -version) and wait for it:       45.0 ms each (5 processes, load average 5.26)
 *
 * a child JVM that sleeps for a minute, limit 300 ms: killed, and ended after 304 ms, exit code 137
 * </pre>
 */
public final class ParallelismDemo {

    private static final int RUNS = 3;
    private static final int BLOCK = 1_000;
    private static final Duration LIMIT_OF_A_CHILD = Duration.ofSeconds(20);

    private ParallelismDemo() {}

    /** Runs what the lesson shows; an argument overrides the limit below which primes are counted. */
    public static void main(String[] args) throws InterruptedException, IOException {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        compareWays(limit);
        System.out.println();
        System.out.printf("Amdahl: a job that is 90%% parallel runs at most %.1f x faster on 2 cores, %.1f x on 8, %.1f x on 64%n",
                amdahl(0.9, 2), amdahl(0.9, 8), amdahl(0.9, 64));
        System.out.println();
        threadStartMicros(1_000);
        processStartMillis(5);
        System.out.println();
        lateChildKilled(Duration.ofMillis(300));
    }

    /** True when {@code n} is a prime, found the slow way on purpose: the work is pure computation. */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int divisor = 2; (long) divisor * divisor <= n; divisor++) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return true;
    }

    /** Counts the primes below {@code limit} on the calling thread; returns the milliseconds of the best run. */
    public static double sequential(int limit) {
        return report("sequential, 1 thread", limit, () -> countPrimes(0, limit));
    }

    /**
     * Counts the primes below {@code limit} with {@code count} platform threads. The numbers are cut
     * into blocks of {@link #BLOCK}, dealt out in turn (thread k gets blocks k, k + count, …), so
     * that each thread gets as many big (slow) numbers as small ones. Dealing out single numbers
     * would not do: with two threads, one would get every even number and the other every prime.
     */
    public static double threads(int limit, int count) {
        return report(count + " platform threads", limit, () -> {
            var counts = new AtomicLongArray(count);
            var workers = new ArrayList<Thread>();
            for (int k = 0; k < count; k++) {
                int first = k;
                workers.add(Thread.ofPlatform().name("primes-" + k).start(() -> counts.set(first, countBlocks(first, limit, count))));
            }
            long total = 0;
            for (int k = 0; k < count; k++) {
                joinWithin(workers.get(k), LIMIT_OF_A_CHILD);
                total += counts.get(k);
            }
            return total;
        });
    }

    /** Counts the primes below {@code limit} with a parallel stream, which runs in the common ForkJoinPool. */
    public static double parallelStream(int limit) {
        return report("parallel stream", limit, () -> IntStream.range(0, limit).parallel().filter(ParallelismDemo::isPrime).count());
    }

    /** Counts the primes below {@code limit} with a RecursiveTask in a pool of one worker per core, split down to {@code threshold} numbers. */
    public static double forkJoin(int limit, int threshold) {
        try (var pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors())) {
            return report("ForkJoinPool, RecursiveTask", limit, () -> pool.invoke(new PrimeCount(0, limit, threshold)));
        }
    }

    /** Counts primes in {@code [from, to)}: a range longer than the threshold is split, one half forked while this thread counts the other. */
    static final class PrimeCount extends RecursiveTask<Long> {
        private final int from;
        private final int to;
        private final int threshold;

        PrimeCount(int from, int to, int threshold) {
            this.from = from;
            this.to = to;
            this.threshold = threshold;
        }

        @Override
        protected Long compute() {
            if (to - from <= threshold) {
                return countPrimes(from, to);
            }
            int middle = from + (to - from) / 2;
            var lowerHalf = new PrimeCount(from, middle, threshold);
            lowerHalf.fork();
            long upper = new PrimeCount(middle, to, threshold).compute();
            return upper + lowerHalf.join();
        }
    }

    /** Runs the four ways one after another, checks that they agree, and prints the speed-ups; returns the best speed-up. */
    public static double compareWays(int limit) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("Counting the primes below %,d on %d cores (%s %s):%n", limit, cores,
                System.getProperty("java.vm.name"), Runtime.version());
        double alone = sequential(limit);
        double best = 0;
        for (double millis : new double[] {threads(limit, cores), parallelStream(limit), forkJoin(limit, 10_000)}) {
            best = Math.max(best, alone / millis);
        }
        System.out.printf("  best speed-up: %.2f x on %d cores%n", best, cores);
        return best;
    }

    /** Amdahl's law: the speed-up of a job whose {@code parallelPart} (0 to 1) spreads over {@code cores} and whose rest does not. */
    public static double amdahl(double parallelPart, int cores) {
        return 1 / ((1 - parallelPart) + parallelPart / cores);
    }

    /** Starts {@code count} platform threads one after another (after 100 to warm up), each joined before the next; returns the microseconds per thread. */
    public static double threadStartMicros(int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            joinWithin(Thread.ofPlatform().start(() -> { }), LIMIT_OF_A_CHILD);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            joinWithin(Thread.ofPlatform().start(() -> { }), LIMIT_OF_A_CHILD);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / count;
        System.out.printf("start a thread and join it:                %,10.1f µs each (%d threads, load average %s)%n", micros, count, load());
        return micros;
    }

    /** Starts {@code count} child JVMs that print their version and end, one after another; returns the milliseconds per process. */
    public static double processStartMillis(int count) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            var process = new ProcessBuilder(java(), "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(LIMIT_OF_A_CHILD.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("java -version took longer than " + LIMIT_OF_A_CHILD);
            }
        }
        double millis = (System.nanoTime() - start) / 1e6 / count;
        System.out.printf("start a JVM (java -version) and wait for it: %,10.1f ms each (%d processes, load average %s)%n", millis, count, load());
        return millis;
    }

    /**
     * Starts a child JVM that would run for a minute, gives it {@code limit}, kills it when it is
     * late and waits until it has ended; returns its exit code (on Linux and macOS 137: killed).
     */
    public static int lateChildKilled(Duration limit) throws IOException, InterruptedException {
        var child = new ProcessBuilder(java(), "-cp", classPath(), Sleeper.class.getName()).start();
        var firstLine = Thread.ofVirtual().start(() -> readFirstLine(child));
        long start = System.nanoTime();
        boolean ended = child.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        if (!ended) {
            child.destroyForcibly();
            child.waitFor(LIMIT_OF_A_CHILD.toMillis(), TimeUnit.MILLISECONDS);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        joinWithin(firstLine, LIMIT_OF_A_CHILD);
        System.out.printf("a child JVM that sleeps for a minute, limit %d ms: %s after %d ms, exit code %d%n",
                limit.toMillis(), ended ? "ended by itself" : "killed, and ended", millis, child.exitValue());
        return child.exitValue();
    }

    /** The child of {@link #lateChildKilled}: says it is up, then sleeps for a minute. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("sleeping");
            Thread.sleep(60_000);
        }
    }

    private static void readFirstLine(Process child) {
        try (var output = child.inputReader(StandardCharsets.UTF_8)) {
            output.readLine();
        } catch (IOException killed) {
            // the child died before it said anything: nothing to show
        }
    }

    static long countPrimes(int from, int to) {
        long count = 0;
        for (int n = from; n < to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    /** Counts the primes in blocks {@code first}, {@code first + step}, … of the numbers below {@code limit}. */
    static long countBlocks(int first, int limit, int step) {
        long count = 0;
        for (long start = (long) first * BLOCK; start < limit; start += (long) step * BLOCK) {
            count += countPrimes((int) start, (int) Math.min(limit, start + BLOCK));
        }
        return count;
    }

    /**
     * Runs the count once to warm up, then {@link #RUNS} times; prints and returns the best time.
     * With it goes the CPU time the whole JVM used during that run divided by its wall-clock time:
     * how many cores were busy on average, a figure a busy machine lowers but cannot raise.
     */
    private static double report(String way, int limit, CountJob job) {
        long expected = job.count();
        double best = Double.MAX_VALUE;
        double coresBusy = 0;
        for (int run = 0; run < RUNS; run++) {
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            long count = job.count();
            long wall = System.nanoTime() - start;
            if (count != expected) {
                throw new IllegalStateException(way + " counted " + count + " primes, then " + expected);
            }
            if (wall / 1e6 < best) {
                best = wall / 1e6;
                coresBusy = (processCpuNanos() - cpuBefore) / (double) wall;
            }
        }
        System.out.printf("  %-28s %,8d primes in %,8.1f ms, %.2f cores busy (best of %d, load average %s)%n",
                way, expected, best, coresBusy, RUNS, load());
        return best;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }

    @FunctionalInterface
    private interface CountJob {
        long count();
    }

    private static void joinWithin(Thread thread, Duration limit) {
        try {
            if (!thread.join(limit)) {
                throw new IllegalStateException(thread.getName() + " still running after " + limit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
    }

    private static String load() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : "%.2f".formatted(load);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String classPath() {
        try {
            return Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
