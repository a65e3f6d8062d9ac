package workbook.demos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lesson 12 — executors and thread pools: what a thread costs, what a pool does with the tasks it
 * is given, and how it ends.
 *
 * <p>Starting a platform thread asks the operating system for a thread and a stack; a pool makes a
 * few threads once and hands them task after task. An {@code ExecutorService} is that pool behind
 * one interface: {@code execute}/{@code submit} to give it work, {@code shutdown},
 * {@code shutdownNow}, {@code awaitTermination} and {@code close()} to end it.
 * <ul>
 *   <li>{@link #threadCost(int)}: the same tiny tasks on a new platform thread each, on a pool of
 *       two threads, and on a virtual thread each: the time per task;</li>
 *   <li>{@link #tooManyThreads(int)}: tasks that block for a while, given to a cached pool (a new
 *       thread whenever none is free), a fixed pool, and virtual threads: how many platform threads
 *       each made, and how long the work took;</li>
 *   <li>{@link #submitVersusExecute()}: a task that throws, given once to {@code execute} and once
 *       to {@code submit}: who hears about the exception;</li>
 *   <li>{@link #shutdownVersusShutdownNow()}: a busy pool with tasks waiting in its queue, ended
 *       both ways: which tasks ran, which were handed back, which were interrupted;</li>
 *   <li>{@link #boundedPool()}: a {@code ThreadPoolExecutor} with a bounded queue, named threads,
 *       and two rejection policies: what happens to the task that finds it full.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 12}, or in JShell: {@code /open lessons/12-executors.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds:
 * <pre>
 * 2,000 tiny tasks, the time per task:
 *   a new platform thread each:    314.3 µs
 *   a pool of 2 platform threads:   20.0 µs
 *   a new virtual thread each:      48.8 µs
 *
 * 200 tasks that each wait 20 ms (for a reply, say):
 *   newCachedThreadPool():                163 platform threads used,    60 ms
 *   newFixedThreadPool(4):                  4 platform threads used,  1057 ms
 *   newVirtualThreadPerTaskExecutor():      2 platform threads used,    33 ms
 *
 * A task that throws, given to execute() and to submit():
 *   execute(): pool-1's uncaught-exception handler got java.lang.IllegalStateException: thrown in execute()
 *   submit():  after 200 ms, the handler got nothing
 *              only future.get() tells: ExecutionException, its cause: java.lang.IllegalStateException: thrown in submit()
 *
 * A pool of 1 thread, one task running (100 ms), three in the queue:
 *   shutdown(), awaitTermination(): ended true; ran [long task, queued 1, queued 2, queued 3]
 *   shutdownNow(): ended true; ran [long task (interrupted)]; 3 never started, handed back
 *   a task given after shutdown: RejectedExecutionException
 *
 * A ThreadPoolExecutor of 1 thread and a queue of 1, given 3 tasks at once:
 *   AbortPolicy: the first ran on "orders-1", the second waited in the queue, the third was refused with RejectedExecutionException
 *   CallerRunsPolicy: the first ran on "orders-1", the second waited in the queue, the third ran on "main"
 * </pre>
 * The pool reused two threads for 2,000 tasks; a thread per task paid for making and ending each
 * one. The cached pool kept up with the waiting tasks by making a platform thread for nearly
 * every one of them; the fixed pool made 4 and queued the rest; the virtual threads all ran at
 * once on the 2 carrier threads under them. {@code CallerRunsPolicy} did not make the caller wait
 * for room: it ran the task on the caller's own thread, off the pool.
 */
public final class ExecutorsDemo {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private ExecutorsDemo() {}

    public static void main(String[] args) throws Exception {
        threadCost(2_000);
        System.out.println();
        tooManyThreads(200);
        System.out.println();
        submitVersusExecute();
        System.out.println();
        shutdownVersusShutdownNow();
        System.out.println();
        boundedPool();
    }

    /**
     * Runs {@code tasks} tasks that do almost nothing, three ways; prints the time per task and
     * returns how many times longer a new platform thread per task took than the pool.
     */
    public static double threadCost(int tasks) throws InterruptedException {
        System.out.printf("%,d tiny tasks, the time per task:%n", tasks);
        var sink = new AtomicInteger();
        Runnable tiny = sink::incrementAndGet;
        long perThread = timeNanos(() -> {
            for (int i = 0; i < tasks; i++) {
                var thread = Thread.ofPlatform().start(tiny);
                thread.join();
            }
        });
        long pooled = timeNanos(() -> {
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (int i = 0; i < tasks; i++) {
                    pool.submit(tiny).get();
                }
            }
        });
        long virtual = timeNanos(() -> {
            for (int i = 0; i < tasks; i++) {
                var thread = Thread.ofVirtual().start(tiny);
                thread.join();
            }
        });
        System.out.printf("  a new platform thread each:   %6.1f µs%n", perThread / 1000.0 / tasks);
        System.out.printf("  a pool of 2 platform threads: %6.1f µs%n", pooled / 1000.0 / tasks);
        System.out.printf("  a new virtual thread each:    %6.1f µs%n", virtual / 1000.0 / tasks);
        return (double) perThread / pooled;
    }

    /**
     * Gives {@code tasks} tasks that each wait 20 ms to a cached pool, a fixed pool of 4, and a
     * virtual thread per task; prints how many platform threads each used and how long it took,
     * and returns the cached pool's largest size.
     */
    public static int tooManyThreads(int tasks) throws InterruptedException {
        System.out.printf("%d tasks that each wait 20 ms (for a reply, say):%n", tasks);
        var pools = List.of("newCachedThreadPool():", "newFixedThreadPool(4):", "newVirtualThreadPerTaskExecutor():");
        var executors = List.<ExecutorService>of(Executors.newCachedThreadPool(), Executors.newFixedThreadPool(4),
                Executors.newVirtualThreadPerTaskExecutor());
        int cachedThreads = 0;
        for (int i = 0; i < pools.size(); i++) {
            var platformThreads = ConcurrentHashMap.<String>newKeySet();
            long nanos = timeNanos(runWaitingTasks(executors.get(i), tasks, platformThreads));
            System.out.printf("  %-36s %4d platform threads used, %5d ms%n", pools.get(i), platformThreads.size(),
                    nanos / 1_000_000);
            if (i == 0) {
                cachedThreads = platformThreads.size();
            }
        }
        return cachedThreads;
    }

    /**
     * Gives a task that throws to {@code execute}, then the same to {@code submit}; prints who saw
     * each exception, and returns whether anything saw the submitted task's exception before
     * {@code get()} was called.
     */
    public static boolean submitVersusExecute() throws InterruptedException {
        System.out.println("A task that throws, given to execute() and to submit():");
        var heard = new ArrayBlockingQueue<String>(2);
        var factory = Thread.ofPlatform().name("pool-", 1).uncaughtExceptionHandler(
                (thread, failure) -> heard.add(thread.getName() + "'s uncaught-exception handler got " + failure)).factory();
        try (var pool = Executors.newFixedThreadPool(1, factory)) {
            pool.execute(() -> {
                throw new IllegalStateException("thrown in execute()");
            });
            System.out.println("  execute(): " + heard.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));

            var future = pool.submit(() -> {
                throw new IllegalStateException("thrown in submit()");
            });
            var before = heard.poll(200, TimeUnit.MILLISECONDS);
            System.out.println("  submit():  after 200 ms, the handler got " + (before == null ? "nothing" : before));
            try {
                future.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                System.out.println("             only future.get() tells: ExecutionException, its cause: " + e.getCause());
            } catch (TimeoutException e) {
                System.out.println("             the task did not end in time");
            }
            return before != null;
        }
    }

    /**
     * A pool of one thread, busy with a long task, three more waiting in its queue; ended once with
     * {@code shutdown()} and once with {@code shutdownNow()}. Prints what became of each task, and
     * returns how many tasks {@code shutdownNow()} handed back.
     */
    public static int shutdownVersusShutdownNow() throws InterruptedException {
        System.out.println("A pool of 1 thread, one task running (100 ms), three in the queue:");
        var ran = new ArrayList<String>();
        var gentle = busyPool(ran);
        gentle.shutdown();
        boolean ended = gentle.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        System.out.printf("  shutdown(), awaitTermination(): ended %s; ran %s%n", ended, ran(ran));

        ran.clear();
        var abrupt = busyPool(ran);
        List<Runnable> handedBack = abrupt.shutdownNow();
        ended = abrupt.awaitTermination(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        System.out.printf("  shutdownNow(): ended %s; ran %s; %d never started, handed back%n",
                ended, ran(ran), handedBack.size());
        try {
            abrupt.execute(() -> {});
        } catch (RejectedExecutionException e) {
            System.out.println("  a task given after shutdown: RejectedExecutionException");
        }
        return handedBack.size();
    }

    /**
     * A {@code ThreadPoolExecutor} of one named thread and a queue of one, given three tasks at once,
     * first with the default policy, then with {@code CallerRunsPolicy}; prints where each task ran
     * and returns the name of the thread that ran the third task under {@code CallerRunsPolicy}.
     */
    public static String boundedPool() throws InterruptedException {
        System.out.println("A ThreadPoolExecutor of 1 thread and a queue of 1, given 3 tasks at once:");
        String thirdRanOn = null;
        for (var policy : List.of(new ThreadPoolExecutor.AbortPolicy(), new ThreadPoolExecutor.CallerRunsPolicy())) {
            var release = new CountDownLatch(1);
            var firstRanOn = new AtomicReference<String>();
            var third = new AtomicReference<String>();
            String outcome;
            try (var pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                    Thread.ofPlatform().name("orders-", 1).factory(), policy)) {
                pool.execute(() -> {
                    firstRanOn.set(Thread.currentThread().getName());
                    awaitQuietly(release);
                });
                pool.execute(() -> {});
                try {
                    pool.execute(() -> third.set(Thread.currentThread().getName()));
                    outcome = "the third ran on \"" + third.get() + "\"";
                } catch (RejectedExecutionException e) {
                    outcome = "the third was refused with RejectedExecutionException";
                } finally {
                    release.countDown();
                }
            }
            System.out.printf("  %s: the first ran on \"%s\", the second waited in the queue, %s%n",
                    policy.getClass().getSimpleName(), firstRanOn.get(), outcome);
            thirdRanOn = third.get();
        }
        return thirdRanOn;
    }

    private static ThreadPoolExecutor busyPool(List<String> ran) throws InterruptedException {
        var pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        var running = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(100);
                record(ran, "long task");
            } catch (InterruptedException e) {
                record(ran, "long task (interrupted)");
            }
        });
        running.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 1; i <= 3; i++) {
            var name = "queued " + i;
            pool.execute(() -> record(ran, name));
        }
        return pool;
    }

    private static void record(List<String> ran, String what) {
        synchronized (ran) {
            ran.add(what);
        }
    }

    private static List<String> ran(List<String> ran) {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    /**
     * Tasks that wait 20 ms each, given to {@code pool}, which is then closed; each adds the
     * platform thread it ran on to {@code platformThreads} (for a virtual thread, the carrier
     * under it, before and after its wait).
     */
    private static Work runWaitingTasks(ExecutorService pool, int tasks, Set<String> platformThreads) {
        Runnable recordPlatformThread = () -> platformThreads.add(platformThreadName(Thread.currentThread()));
        return () -> {
            try (pool) {
                for (int i = 0; i < tasks; i++) {
                    pool.execute(() -> {
                        recordPlatformThread.run();
                        pause(Duration.ofMillis(20));
                        recordPlatformThread.run();
                    });
                }
            }
        };
    }

    /** The thread's name, or for a virtual thread the carrier's, which its toString() ends with after '@'. */
    private static String platformThreadName(Thread thread) {
        if (!thread.isVirtual()) {
            return thread.getName();
        }
        var text = thread.toString();
        return text.substring(text.lastIndexOf('@') + 1);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static long timeNanos(Work work) throws InterruptedException {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return System.nanoTime() - start;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
