package workbook.demos;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import workbook.testkit.ChildJvm;

/**
 * Lesson 13 — deadlock: two threads that each hold a lock the other needs, and the ways out.
 *
 * <p>The seeds' advice is "avoid nested locks"; here is what happens when they are nested in
 * opposite orders. One thread takes lock A and then B, another takes B and then A; once each holds
 * its first lock, neither can ever get its second. A deadlocked thread never ends and cannot be
 * interrupted out of {@code synchronized}, so the deadlock runs in a child JVM, which finds it
 * with {@code ThreadMXBean.findDeadlockedThreads()} and with {@code jcmd <pid> Thread.print}
 * (what {@code jstack <pid>} prints too), reports, and exits: the demo's own JVM never holds a
 * deadlocked thread.
 * <ul>
 *   <li>{@link #oppositeOrder()}: the deadlock, found from inside (ThreadMXBean) and from outside
 *       (jcmd); returns how many threads the JVM found deadlocked;</li>
 *   <li>{@link #lockOrdering(int)}: the same two threads moving money both ways, both taking the
 *       locks in one order (the account with the lower number first); returns how many transfers
 *       were done, all of them;</li>
 *   <li>{@link #backOff(boolean, int)}: both threads take their first lock, <em>try</em> the
 *       second ({@code tryLock}), and on failure let go and try again; when both start every try
 *       at the same moment, the same back-off for both keeps them in step, so that every try
 *       collides and one of them must back off; a random one lets them miss each other now and
 *       then; returns how many tries got both locks.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 13}, or in JShell: {@code /open lessons/13-deadlock.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds (jcmd's report cut after
 * its first lines):
 * <pre>
 * Two threads take two locks in opposite order, in a JVM of their own:
 *   ThreadMXBean.findDeadlockedThreads():
 *   deadlocked thread "a-then-b" is BLOCKED, waiting for java.lang.Object@5a07e868 held by "b-then-a"
 *   deadlocked thread "b-then-a" is BLOCKED, waiting for java.lang.Object@3fee733d held by "a-then-b"
 *   jcmd 24158 Thread.print, its deadlock section:
 *   Found one Java-level deadlock:
 *   =============================
 *   "a-then-b":
 *     waiting to lock monitor 0x00007fb2b0079560 (object 0x000000069ec1dca8, a java.lang.Object),
 *     which is held by "b-then-a"
 *
 *   "b-then-a":
 *     waiting to lock monitor 0x00007fb2ac001450 (object 0x000000069ec1dc98, a java.lang.Object),
 *     which is held by "a-then-b"
 *
 *   Java stack information for the threads listed above:
 *   ===================================================
 *   "a-then-b":
 *       at workbook.demos.DeadlockDemo$OppositeOrder.nested(DeadlockDemo.java:241)
 *       - waiting to lock &lt;0x000000069ec1dca8&gt; (a java.lang.Object)
 *       - locked &lt;0x000000069ec1dc98&gt; (a java.lang.Object)
 *
 * Two threads move money between accounts 1 and 2, 100,000 times each way, both locking the lower-numbered account first:
 *   200,000 transfers done in 183 ms; the two balances add up to 2,000 (they started at 2,000)
 *
 * Two threads take two locks in opposite order, 20 tries each, with tryLock and the same back-off for both:
 *   20 of 40 tries got both locks
 *
 * Two threads take two locks in opposite order, 20 tries each, with tryLock and a random back-off:
 *   28 of 40 tries got both locks
 * </pre>
 */
public final class DeadlockDemo {

    private static final Duration CHILD_DEADLINE = Duration.ofSeconds(30);
    /** How long a thread holds its first lock before it reaches for the second: the window for a collision. */
    private static final Duration HOLD = Duration.ofMillis(1);

    private DeadlockDemo() {}

    public static void main(String[] args) throws InterruptedException {
        oppositeOrder();
        System.out.println();
        lockOrdering(100_000);
        System.out.println();
        backOff(false, 20);
        System.out.println();
        backOff(true, 20);
    }

    /**
     * Runs two threads that take two locks in opposite order in a child JVM, which reports what
     * {@code ThreadMXBean} and {@code jcmd Thread.print} say about them; returns how many threads
     * the child found deadlocked (2, or 0 when it could not run).
     */
    public static int oppositeOrder() {
        System.out.println("Two threads take two locks in opposite order, in a JVM of their own:");
        var run = ChildJvm.run(OppositeOrder.class, CHILD_DEADLINE);
        run.stdout().lines().forEach(line -> System.out.println("  " + line));
        if (!run.exitedByItself() || run.exitCode() != 0) {
            System.out.println("  " + run.describe());
            return 0;
        }
        return run.stdout().lines().filter(line -> line.startsWith("deadlocked thread")).mapToInt(line -> 1).sum();
    }

    /**
     * Two threads move money between two accounts, one each way, {@code transfersEachWay} times,
     * both taking the account locks in one order, the lower-numbered account first; prints and
     * returns how many transfers were done, and checks that no money was lost.
     */
    public static int lockOrdering(int transfersEachWay) throws InterruptedException {
        var one = new DemoAccount(1, 1_000);
        var two = new DemoAccount(2, 1_000);
        var done = new AtomicInteger();
        System.out.printf("Two threads move money between accounts 1 and 2, %,d times each way, "
                + "both locking the lower-numbered account first:%n", transfersEachWay);
        long start = System.nanoTime();
        var threads = List.of(
                Thread.ofPlatform().name("one-to-two").start(() -> moveMany(one, two, transfersEachWay, done)),
                Thread.ofPlatform().name("two-to-one").start(() -> moveMany(two, one, transfersEachWay, done)));
        for (var thread : threads) {
            thread.join();
        }
        System.out.printf("  %,d transfers done in %d ms; the two balances add up to %,d (they started at 2,000)%n",
                done.get(), (System.nanoTime() - start) / 1_000_000, one.balance + two.balance);
        return done.get();
    }

    private static void moveMany(DemoAccount from, DemoAccount to, int times, AtomicInteger done) {
        for (int i = 0; i < times; i++) {
            transferInOrder(from, to, 1);
            done.incrementAndGet();
        }
    }

    /** Locks the two accounts in one order for every pair, whichever way the money goes. */
    static void transferInOrder(DemoAccount from, DemoAccount to, long amount) {
        var first = from.number < to.number ? from : to;
        var second = first == from ? to : from;
        synchronized (first) {
            synchronized (second) {
                if (from.balance >= amount) {
                    from.balance -= amount;
                    to.balance += amount;
                }
            }
        }
    }

    /** An account for the demo: a number that orders the locks, and a balance guarded by the account's monitor. */
    static final class DemoAccount {
        final int number;
        long balance; // guarded by this

        DemoAccount(int number, long balance) {
            this.number = number;
            this.balance = balance;
        }
    }

    /**
     * Two threads need both of two locks and take them in opposite order, {@code tries} times each.
     * Each try starts for both threads at the same moment (a barrier stands in for two identical
     * threads that back off for the same time and so wake together); then each waits its back-off,
     * none or a random one of up to {@value #MAX_RANDOM_PAUSE_MILLIS} ms, takes its first lock,
     * holds it a moment, and tries the second without waiting. Prints and returns how many tries
     * got both locks.
     */
    public static int backOff(boolean randomized, int tries) throws InterruptedException {
        var a = new ReentrantLock();
        var b = new ReentrantLock();
        var gotBoth = new AtomicInteger();
        var together = new CyclicBarrier(2);
        System.out.printf("Two threads take two locks in opposite order, %d tries each, with tryLock and %s:%n",
                tries, randomized ? "a random back-off" : "the same back-off for both");
        var threads = new ArrayList<Thread>();
        for (var order : List.of(List.of(a, b), List.of(b, a))) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    for (int i = 0; i < tries; i++) {
                        together.await(1, TimeUnit.SECONDS);
                        if (randomized) {
                            Thread.sleep(ThreadLocalRandom.current().nextLong(MAX_RANDOM_PAUSE_MILLIS + 1));
                        }
                        if (bothOrNeither(order.get(0), order.get(1))) {
                            gotBoth.incrementAndGet();
                        }
                    }
                } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (var thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
        System.out.printf("  %d of %d tries got both locks%n", gotBoth.get(), 2 * tries);
        return gotBoth.get();
    }

    private static final long MAX_RANDOM_PAUSE_MILLIS = 4;

    /**
     * Takes {@code first}, holds it a moment, and tries {@code second} without waiting: true when it
     * got both (and let go of them again), false when it let go of the first to back off.
     */
    static boolean bothOrNeither(ReentrantLock first, ReentrantLock second) throws InterruptedException {
        first.lockInterruptibly();
        try {
            Thread.sleep(HOLD);
            if (second.tryLock()) {
                second.unlock();
                return true;
            }
            return false;
        } finally {
            first.unlock();
        }
    }

    /**
     * The deadlock, as a program of its own: two daemon threads, each holding one lock and
     * waiting for the other's. Main waits until the JVM sees the deadlock, prints what
     * {@code ThreadMXBean} says and what {@code jcmd Thread.print} says, and returns: the
     * deadlocked threads are daemons, so the JVM exits with them still stuck.
     */
    static final class OppositeOrder {
        private static final Object LOCK_A = new Object();
        private static final Object LOCK_B = new Object();

        public static void main(String[] args) throws Exception {
            var bothHoldTheirFirst = new CountDownLatch(2);
            Thread.ofPlatform().daemon().name("a-then-b").start(() -> nested(LOCK_A, LOCK_B, bothHoldTheirFirst));
            Thread.ofPlatform().daemon().name("b-then-a").start(() -> nested(LOCK_B, LOCK_A, bothHoldTheirFirst));

            var threads = ManagementFactory.getThreadMXBean();
            long[] deadlocked = null;
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (deadlocked == null && System.nanoTime() < giveUpAt) {
                Thread.sleep(10);
                deadlocked = threads.findDeadlockedThreads();
            }
            if (deadlocked == null) {
                System.out.println("no deadlock within 5 s");
                return;
            }
            System.out.println("ThreadMXBean.findDeadlockedThreads():");
            for (ThreadInfo info : threads.getThreadInfo(deadlocked)) {
                System.out.printf("deadlocked thread \"%s\" is %s, waiting for %s held by \"%s\"%n",
                        info.getThreadName(), info.getThreadState(), info.getLockName(), info.getLockOwnerName());
            }
            System.out.println("jcmd " + ProcessHandle.current().pid() + " Thread.print, its deadlock section:");
            jcmdDeadlockSection().forEach(System.out::println);
        }

        private static void nested(Object first, Object second, CountDownLatch bothHoldTheirFirst) {
            synchronized (first) {
                bothHoldTheirFirst.countDown();
                awaitQuietly(bothHoldTheirFirst);
                synchronized (second) {
                    System.out.println("never printed: " + Thread.currentThread().getName() + " got both locks");
                }
            }
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Asks jcmd, from outside, for this JVM's threads; keeps the lines of its deadlock report. */
        private static List<String> jcmdDeadlockSection() throws IOException, InterruptedException {
            var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (!Files.isExecutable(jcmd)) {
                return List.of("(no jcmd in " + jcmd.getParent() + ": this Java is not a full JDK)");
            }
            var report = Files.createTempFile("thread-print", ".txt");
            try {
                var process = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()), "Thread.print")
                        .redirectErrorStream(true).redirectOutput(report.toFile()).start();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return List.of("(jcmd did not answer within 15 s)");
                }
                return deadlockSection(Files.readString(report, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(report);
            }
        }

        private static List<String> deadlockSection(String output) {
            var section = output.lines().dropWhile(line -> !line.startsWith("Found one Java-level deadlock")).toList();
            return section.isEmpty() ? List.of("(jcmd printed no deadlock section)") : section.subList(0, Math.min(16, section.size()));
        }
    }
}
