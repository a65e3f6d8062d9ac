package workbook.demos;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jfr.consumer.RecordingStream;

/**
 * Lesson 17 — virtual threads: ten thousand blocking tasks at once, what still pins a carrier, and
 * why a virtual thread is never pooled.
 *
 * <p>A platform thread is an operating-system thread with a stack of its own; a virtual thread is
 * a Java object that the JDK runs on a few carrier threads (one per core) and takes off its carrier
 * whenever it blocks. Blocking costs a platform thread for as long as it blocks, and a virtual
 * thread almost nothing, so code that spends its time waiting (for a database, a socket, a sleep)
 * can have one virtual thread per task.
 * <ul>
 *   <li>{@link #blockingTasks(int, Duration)}: the same tasks, each sleeping, run three ways: a
 *       fixed pool of 200 platform threads (the old way), a platform thread per task, and a
 *       virtual thread per task; the time each took and the most platform threads alive;</li>
 *   <li>{@link #pinning(Duration)}: blocking while a virtual thread cannot leave its carrier,
 *       seen by the JFR event {@code jdk.VirtualThreadPinned}: a sleep inside {@code synchronized},
 *       a {@code wait()}, and a sleep inside a class initializer;</li>
 *   <li>{@link #sharedMonitor(int, Duration)}: pinned or not, a monitor held around a blocking call
 *       makes every thread that needs it wait its turn;</li>
 *   <li>{@link #threadLocalPerTask(int)}: a {@code ThreadLocal} "cache" built once per pooled
 *       thread, and once per task when every task has a virtual thread of its own;</li>
 *   <li>{@link #virtualThreadsAreDaemons()}: they do not keep the JVM alive.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 17}, or in JShell: {@code /open lessons/17-virtual-threads.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, while other builds kept it busy (load
 * average about 90):
 * <pre>
 * 10,000 tasks that each block for 20 ms:
 *   a pool of 200 platform threads:       1,340 ms, at most    206 platform threads alive
 *   a platform thread per task:           1,677 ms, at most    750 platform threads alive
 *   a virtual thread per task:              448 ms, at most     10 platform threads alive
 *
 * Virtual threads that block for 50 ms, Java 25.0.3+9-LTS, JFR event jdk.VirtualThreadPinned:
 *   sleep inside synchronized:         not pinned
 *   wait() on a monitor:               not pinned
 *   sleep inside a class initializer:  pinned (1 event)
 *
 * 10 virtual threads that each sleep 20 ms:
 *   holding one shared monitor while they sleep:  204 ms
 *   sleeping with no lock held:                   23 ms
 *
 * A ThreadLocal cache used by 1,000 tasks:
 *   on a pool of 4 platform threads:  built 4 times
 *   on a virtual thread per task:     built 1,000 times
 *
 * A virtual thread: daemon = true; setDaemon(false) refused: 'false' not legal for virtual threads
 * </pre>
 * The pool of 200 has at most 200 tasks asleep at once (50 rounds of 20 ms); a platform thread per
 * task is held back by making and ending OS threads (at most 750 were alive at once); the virtual
 * threads ran all tasks at once on a few carriers.
 * Only JDK 25 ran here (JDK 17, the other JDK on this machine, has no virtual threads), so the
 * pinning figures are JDK 25's: a {@code synchronized} block no longer pins there (JEP 491, JDK 24).
 * On JDK 21 to 23 the same demo would report the first two cases pinned too; that is what JEP 491
 * says, not something this machine measured.
 */
public final class VirtualThreadsDemo {

    private static final int POOL_SIZE = 200;

    private VirtualThreadsDemo() {}

    public static void main(String[] args) throws Exception {
        blockingTasks(10_000, Duration.ofMillis(20));
        System.out.println();
        pinning(Duration.ofMillis(50));
        System.out.println();
        sharedMonitor(10, Duration.ofMillis(20));
        System.out.println();
        threadLocalPerTask(1_000);
        System.out.println();
        virtualThreadsAreDaemons();
    }

    /**
     * Runs {@code tasks} tasks that each sleep for {@code block}, three ways, and prints how long
     * each way took and the most platform threads alive meanwhile. Returns the virtual threads'
     * time in milliseconds.
     */
    public static long blockingTasks(int tasks, Duration block) throws InterruptedException {
        System.out.printf("%,d tasks that each block for %d ms:%n", tasks, block.toMillis());
        timed("a pool of " + POOL_SIZE + " platform threads", tasks, block, Executors.newFixedThreadPool(POOL_SIZE));
        timed("a platform thread per task", tasks, block,
                Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory()));
        return timed("a virtual thread per task", tasks, block, Executors.newVirtualThreadPerTaskExecutor());
    }

    private static long timed(String way, int tasks, Duration block, ExecutorService executor) throws InterruptedException {
        var threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            executor.submit(() -> {
                Thread.sleep(block);
                return null;
            });
        }
        executor.shutdown();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("  %-36s %,6d ms, at most %,6d platform threads alive%n", way + ":", millis,
                threads.getPeakThreadCount());
        return millis;
    }

    /** The monitor of the synchronized case; each virtual thread there takes it alone. */
    private static final Object MONITOR = new Object();

    /** A class whose initializer blocks: the first thread to use it runs the initializer. */
    private static final class SlowToInitialize {
        static {
            sleepQuietly(Duration.ofMillis(50));
        }

        static void touch() {}
    }

    /**
     * Runs three virtual threads that block for {@code block} in three places, records the JFR
     * event {@code jdk.VirtualThreadPinned} meanwhile, and prints which of them were pinned to
     * their carrier while they blocked. Returns how many pinned events were recorded.
     */
    public static int pinning(Duration block) throws InterruptedException {
        var pinned = new ConcurrentHashMap<String, AtomicInteger>();
        try (var recording = new RecordingStream()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.onEvent("jdk.VirtualThreadPinned", event -> pinned
                    .computeIfAbsent(event.getThread("eventThread").getJavaName(), name -> new AtomicInteger())
                    .incrementAndGet());
            recording.startAsync();
            runVirtual("sleep inside synchronized", () -> {
                synchronized (MONITOR) {
                    sleepQuietly(block);
                }
            });
            runVirtual("wait() on a monitor", () -> {
                synchronized (MONITOR) {
                    try {
                        MONITOR.wait(block.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            runVirtual("sleep inside a class initializer", SlowToInitialize::touch);
            recording.stop();
        }
        System.out.printf("Virtual threads that block for %d ms, Java %s, JFR event jdk.VirtualThreadPinned:%n",
                block.toMillis(), Runtime.version());
        int events = 0;
        for (var name : new String[] {"sleep inside synchronized", "wait() on a monitor", "sleep inside a class initializer"}) {
            int count = pinned.getOrDefault(name, new AtomicInteger()).get();
            events += count;
            System.out.printf("  %-34s %s%n", name + ":", count == 0 ? "not pinned" : "pinned (" + count + " event" + (count == 1 ? ")" : "s)"));
        }
        return events;
    }

    private static void runVirtual(String name, Runnable work) throws InterruptedException {
        var thread = Thread.ofVirtual().name(name).start(work);
        if (!thread.join(Duration.ofSeconds(5))) {
            thread.interrupt();
        }
    }

    /**
     * Starts {@code threads} virtual threads that each sleep for {@code block} while holding one
     * shared monitor, then the same with the sleep outside it; prints both times and returns the
     * first in milliseconds.
     */
    public static long sharedMonitor(int threads, Duration block) throws InterruptedException {
        var shared = new Object();
        long inside = allTogether(threads, () -> {
            synchronized (shared) {
                sleepQuietly(block);
            }
        });
        long outside = allTogether(threads, () -> sleepQuietly(block));
        System.out.printf("%d virtual threads that each sleep %d ms:%n", threads, block.toMillis());
        System.out.printf("  holding one shared monitor while they sleep: %4d ms%n", inside);
        System.out.printf("  sleeping with no lock held:                 %4d ms%n", outside);
        return inside;
    }

    private static long allTogether(int threads, Runnable work) throws InterruptedException {
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                executor.execute(work);
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Runs {@code tasks} tasks that each use a {@code ThreadLocal} "cache", first on a pool of 4
     * platform threads, then on a virtual thread each; prints how many times the cached object was
     * built each way and returns the second count.
     */
    public static int threadLocalPerTask(int tasks) throws InterruptedException {
        var built = new AtomicInteger();
        var cache = ThreadLocal.withInitial(() -> {
            built.incrementAndGet();
            return new StringBuilder(1024);
        });
        Runnable task = () -> cache.get().setLength(0);
        runAll(Executors.newFixedThreadPool(4), tasks, task);
        int onPool = built.getAndSet(0);
        runAll(Executors.newVirtualThreadPerTaskExecutor(), tasks, task);
        int onVirtual = built.get();
        System.out.printf("A ThreadLocal cache used by %,d tasks:%n", tasks);
        System.out.printf("  on a pool of 4 platform threads:  built %,d times%n", onPool);
        System.out.printf("  on a virtual thread per task:     built %,d times%n", onVirtual);
        return onVirtual;
    }

    private static void runAll(ExecutorService executor, int tasks, Runnable task) throws InterruptedException {
        for (int i = 0; i < tasks; i++) {
            executor.execute(task);
        }
        executor.shutdown();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    /** Prints whether a virtual thread is a daemon and what setDaemon(false) does; returns the first. */
    public static boolean virtualThreadsAreDaemons() {
        var thread = Thread.ofVirtual().unstarted(() -> {});
        String refused;
        try {
            thread.setDaemon(false);
            refused = "accepted";
        } catch (IllegalArgumentException e) {
            refused = "refused: " + e.getMessage();
        }
        System.out.printf("A virtual thread: daemon = %s; setDaemon(false) %s%n", thread.isDaemon(), refused);
        return thread.isDaemon();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
