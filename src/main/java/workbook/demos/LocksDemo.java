package workbook.demos;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Lesson 03 — locks: the counter of lesson 02 fixed two ways, and the Python tutorial's cache, which
 * one thread checks while another adds to it, broken and then fixed.
 *
 * <ul>
 *   <li>{@link #countWithSynchronized(int, int, int)} and {@link #countWithReentrantLock(int, int, int)}
 *       run the tutorial's counter example (5 threads × 1,000 increments) round after round, with
 *       the increment under {@code synchronized} and under a {@code ReentrantLock}: every round ends
 *       at 5,000. {@link #countWithoutLock(int, int, int)} runs the same rounds with no lock and
 *       counts the rounds that ended short; how many changes from run to run, and can be none.</li>
 *   <li>{@link #iterateWhileAdding(int)} lets one thread walk a {@code HashMap} while another adds
 *       to it, trial after trial, until the walker gets a {@code ConcurrentModificationException}
 *       (Python says "dictionary changed size during iteration"). {@link #iterateWhileAddingWithLock(int)}
 *       runs the same trials with both threads holding one lock for their whole work: the map
 *       never changes under the walker.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 03}, or in JShell: {@code /open lessons/03-locks.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, while other builds kept both cores busy:
 * <pre>
 * no lock         5 threads × 1,000 increments, 500 rounds: 1 ended below 5,000 (lowest 4,752)
 * synchronized    5 threads × 1,000 increments, 500 rounds: every one ended at 5,000
 * ReentrantLock   5 threads × 1,000 increments, 500 rounds: every one ended at 5,000
 *
 * no lock:   trial 1, the checker got java.util.ConcurrentModificationException
 *     at java.base/java.util.HashMap$HashIterator.nextNode(HashMap.java:1606)
 * with lock: 10 trials, 0 exceptions
 * </pre>
 */
public final class LocksDemo {

    private static final Duration WORK_PER_ENTRY = Duration.ofNanos(10_000);
    private static final int CHECKS_PER_TRIAL = 3;
    private static final int ADDITIONS_PER_TRIAL = 100;

    private LocksDemo() {}

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        countWithoutLock(5, 1_000, rounds);
        countWithSynchronized(5, 1_000, rounds);
        countWithReentrantLock(5, 1_000, rounds);
        System.out.println();
        iterateWhileAdding(20);
        iterateWhileAddingWithLock(10);
    }

    /** What every counter in this demo can do; the three differ only in how they protect {@code count}. */
    interface Counter {
        void increment();

        int get();
    }

    /** The counter of lesson 02: {@code count++} with nothing around it. */
    static final class UnguardedCounter implements Counter {
        private int count;

        @Override
        public void increment() {
            count++;
        }

        @Override
        public int get() {
            return count;
        }
    }

    /** The same counter with both methods holding the counter's own monitor. */
    static final class SynchronizedCounter implements Counter {
        private int count; // guarded by this

        @Override
        public synchronized void increment() {
            count++;
        }

        @Override
        public synchronized int get() {
            return count;
        }
    }

    /** The same counter guarded by an explicit lock: lock() before try, unlock() in finally. */
    static final class ReentrantLockCounter implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private int count; // guarded by lock

        @Override
        public void increment() {
            lock.lock();
            try {
                count++;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int get() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs {@code rounds} rounds on a counter with no lock; returns how many rounds lost updates. */
    public static int countWithoutLock(int threads, int incrementsPerThread, int rounds) throws InterruptedException {
        return countRounds("no lock        ", UnguardedCounter::new, threads, incrementsPerThread, rounds);
    }

    /** The same rounds with {@code synchronized} methods; returns how many rounds lost updates (none). */
    public static int countWithSynchronized(int threads, int incrementsPerThread, int rounds) throws InterruptedException {
        return countRounds("synchronized   ", SynchronizedCounter::new, threads, incrementsPerThread, rounds);
    }

    /** The same rounds with a {@code ReentrantLock}; returns how many rounds lost updates (none). */
    public static int countWithReentrantLock(int threads, int incrementsPerThread, int rounds) throws InterruptedException {
        return countRounds("ReentrantLock  ", ReentrantLockCounter::new, threads, incrementsPerThread, rounds);
    }

    private static int countRounds(String how, Supplier<Counter> newCounter,
            int threads, int incrementsPerThread, int rounds) throws InterruptedException {
        int expected = threads * incrementsPerThread;
        int shortRounds = 0;
        int lowest = expected;
        for (int round = 0; round < rounds; round++) {
            var counter = newCounter.get();
            DemoThreads.runTogether(threads, () -> {
                for (int i = 0; i < incrementsPerThread; i++) {
                    counter.increment();
                }
            });
            int total = counter.get();
            if (total != expected) {
                shortRounds++;
                lowest = Math.min(lowest, total);
            }
        }
        System.out.printf("%s %d threads × %,d increments, %,d rounds: %s%n", how, threads, incrementsPerThread, rounds,
                shortRounds == 0
                        ? "every one ended at %,d".formatted(expected)
                        : "%,d ended below %,d (lowest %,d)".formatted(shortRounds, expected, lowest));
        return shortRounds;
    }

    /** The Python tutorial's cache: one thread checks every entry while another adds new ones. */
    interface Cache {
        void add(String key, long value);

        /** Walks every entry, doing a little work on each; returns their sum. */
        long check();
    }

    /** The cache with nothing guarding its map. */
    static final class UnguardedCache implements Cache {
        private final Map<String, Long> entries = numbersUpTo(100);

        @Override
        public void add(String key, long value) {
            entries.put(key, value);
        }

        @Override
        public long check() {
            long sum = 0;
            for (var entry : entries.entrySet()) {
                sum += entry.getValue();
                simulateWork();
            }
            return sum;
        }
    }

    /** The same cache with the tutorial's fix: {@code with lck:} becomes {@code synchronized (lock)}. */
    static final class GuardedCache implements Cache {
        private final Object lock = new Object();
        private final Map<String, Long> entries = numbersUpTo(100); // guarded by lock

        @Override
        public void add(String key, long value) {
            synchronized (lock) {
                entries.put(key, value);
            }
        }

        @Override
        public long check() {
            synchronized (lock) {
                long sum = 0;
                for (var entry : entries.entrySet()) {
                    sum += entry.getValue();
                    simulateWork();
                }
                return sum;
            }
        }
    }

    /**
     * One thread checks an unguarded cache again and again while another adds to it, as in the
     * Python tutorial. Repeats with a fresh cache, at most {@code maxTrials} times, until the
     * checker gets a {@link ConcurrentModificationException}. Returns the trial it came on, or 0
     * when none came (a race is allowed to happen, not bound to).
     */
    public static int iterateWhileAdding(int maxTrials) throws InterruptedException {
        for (int trial = 1; trial <= maxTrials; trial++) {
            var failure = checkWhileAdding(new UnguardedCache());
            if (failure != null) {
                System.out.printf("no lock:   trial %d, the checker got %s%n    at %s%n",
                        trial, failure, failure.getStackTrace()[0]);
                return trial;
            }
        }
        System.out.printf("no lock:   %d trials and no ConcurrentModificationException this time; run it again%n", maxTrials);
        return 0;
    }

    /**
     * The same trials on the guarded cache. Returns how many trials ended in an exception: none,
     * since the map cannot change while the checker holds the lock.
     */
    public static int iterateWhileAddingWithLock(int trials) throws InterruptedException {
        int failures = 0;
        for (int trial = 1; trial <= trials; trial++) {
            if (checkWhileAdding(new GuardedCache()) != null) {
                failures++;
            }
        }
        System.out.printf("with lock: %d trials, %d exceptions%n", trials, failures);
        return failures;
    }

    /**
     * The tutorial's "do important stuff with cache items", and the adder's work before each
     * addition, simulated by a short pause. With real work, each thread gets turns in the middle
     * of the other's; thanks to the pauses they do here too, however busy the machine is.
     */
    private static void simulateWork() {
        LockSupport.parkNanos(WORK_PER_ENTRY.toNanos());
    }

    /** The tutorial's starting cache: the numbers 0 to {@code count - 1}, keyed by their text. */
    private static Map<String, Long> numbersUpTo(int count) {
        var cache = new HashMap<String, Long>();
        for (long i = 0; i < count; i++) {
            cache.put(Long.toString(i), i);
        }
        return cache;
    }

    /**
     * A checker walks {@code cache} {@value #CHECKS_PER_TRIAL} times while an adder puts
     * {@value #ADDITIONS_PER_TRIAL} timestamped entries into it, each after a little work; returns what the checker threw, or null. Both threads are released together and each
     * has a fixed amount of work, so a trial always ends.
     */
    private static RuntimeException checkWhileAdding(Cache cache) throws InterruptedException {
        var start = new CountDownLatch(1);
        var thrown = new AtomicReference<RuntimeException>();
        var adder = new Thread(() -> {
            DemoThreads.awaitQuietly(start);
            for (int i = 0; i < ADDITIONS_PER_TRIAL; i++) {
                simulateWork();
                long now = System.nanoTime();
                cache.add(Long.toString(now), now);
            }
        }, "adder");
        var checker = new Thread(() -> {
            DemoThreads.awaitQuietly(start);
            try {
                for (int i = 0; i < CHECKS_PER_TRIAL; i++) {
                    cache.check();
                }
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        }, "checker");
        adder.setDaemon(true);
        checker.setDaemon(true);
        adder.start();
        checker.start();
        start.countDown();
        var deadline = Duration.ofSeconds(5);
        if (!adder.join(deadline) || !checker.join(deadline)) {
            throw new IllegalStateException("the adder or the checker did not finish within " + deadline);
        }
        return thrown.get();
    }
}
