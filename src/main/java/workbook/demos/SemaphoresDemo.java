package workbook.demos;

import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lesson 05 — semaphores: a pool of two connections shared by five workers, on a timeline.
 *
 * <p>A {@link Semaphore} is a counter of permits. {@code acquire()} takes one, waiting while there
 * are none; {@code release()} puts one back. Start it with two permits, take one before using a
 * connection and give it back after, and never more than two workers use a connection at once. The
 * demo shows it three ways:
 * <ul>
 *   <li>{@link #poolTimeline(int, int, long)} prints each worker getting in, waiting and leaving,
 *       with the time since the start and how many are inside;</li>
 *   <li>{@link #giveUpAfter(long, long)} shows {@code tryAcquire} with a timeout: a worker that
 *       will not wait longer than it has to gives up;</li>
 *   <li>{@link #permitLostWithoutFinally()} and {@link #permitMadeUpByReleasingTwice()} show that a
 *       semaphore counts and nothing more: it cannot tell a lost permit or an extra one.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 05}, or in JShell: {@code /open lessons/05-semaphores.jsh}.
 * The milliseconds change from run to run; the number inside never passes two. One run on a
 * 2-core Linux machine with Temurin 25.0.3:
 * <pre>
 * 5 workers share 2 connections, each for 300 ms:
 *   +  10 ms  worker-0 gets in               inside: 1
 *   +  11 ms  worker-4 waits
 *   +  11 ms  worker-2 waits
 *   +  11 ms  worker-1 gets in               inside: 2
 *   +  12 ms  worker-3 waits
 *   + 312 ms  worker-1 leaves                inside: 1
 *   + 313 ms  worker-0 leaves                inside: 0
 *   + 313 ms  worker-4 gets in               inside: 1
 *   + 314 ms  worker-2 gets in               inside: 2
 *   + 614 ms  worker-4 leaves                inside: 1
 *   + 614 ms  worker-3 gets in               inside: 2
 *   + 616 ms  worker-2 leaves                inside: 1
 *   + 914 ms  worker-3 leaves                inside: 0
 *   most inside at once: 2
 *
 * 1 connection, held for 500 ms; another worker waits for it at most 200 ms:
 *   +   2 ms  holder gets in                 inside: 1
 *   +   4 ms  impatient waits at most 200 ms
 *   + 204 ms  impatient gives up: tryAcquire returned false
 *   + 505 ms  holder leaves                  inside: 0
 *
 * release not in finally, work threw:    1 of 2 permits left, for good
 * one acquire, then release() twice:     3 of 2 permits available
 * </pre>
 */
public final class SemaphoresDemo {

    private SemaphoresDemo() {}

    public static void main(String[] args) throws InterruptedException {
        poolTimeline(2, 5, 300);
        System.out.println();
        giveUpAfter(500, 200);
        System.out.println();
        permitLostWithoutFinally();
        permitMadeUpByReleasingTwice();
    }

    /** Prints lines stamped with the time since it was made, and counts who is inside. */
    static final class Timeline {
        private final long start = System.nanoTime();
        private int inside; // guarded by this
        private int mostInside; // guarded by this

        synchronized void entered(String who) {
            inside++;
            mostInside = Math.max(mostInside, inside);
            print(who + " gets in", inside);
        }

        synchronized void left(String who) {
            inside--;
            print(who + " leaves", inside);
        }

        synchronized void note(String what) {
            System.out.printf("  +%4d ms  %s%n", elapsedMillis(), what);
        }

        synchronized int mostInside() {
            return mostInside;
        }

        private void print(String what, int count) {
            System.out.printf("  +%4d ms  %-30s inside: %d%n", elapsedMillis(), what, count);
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /**
     * {@code workers} threads share {@code connections} connections, each holding one for
     * {@code holdMillis}; prints the timeline and returns the most that were inside at once.
     */
    public static int poolTimeline(int connections, int workers, long holdMillis) throws InterruptedException {
        System.out.printf("%d workers share %d connections, each for %d ms:%n", workers, connections, holdMillis);
        var connectionPermits = new Semaphore(connections);
        var timeline = new Timeline();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < workers; i++) {
            var name = "worker-" + i;
            threads.add(Thread.ofPlatform().name(name).start(() -> {
                try {
                    useAConnection(connectionPermits, timeline, name, holdMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        System.out.println("  most inside at once: " + timeline.mostInside());
        return timeline.mostInside();
    }

    private static void useAConnection(Semaphore connectionPermits, Timeline timeline, String name, long holdMillis)
            throws InterruptedException {
        if (!connectionPermits.tryAcquire()) {
            timeline.note(name + " waits");
            if (!connectionPermits.tryAcquire(10, TimeUnit.SECONDS)) {
                timeline.note(name + " gave up after 10 s");
                return;
            }
        }
        try {
            timeline.entered(name);
            Thread.sleep(holdMillis);
        } finally {
            timeline.left(name);
            connectionPermits.release();
        }
    }

    /**
     * One connection, held by one worker for {@code holdMillis}; a second worker waits for it at
     * most {@code patienceMillis}. Prints the timeline; returns whether the second worker got in.
     */
    public static boolean giveUpAfter(long holdMillis, long patienceMillis) throws InterruptedException {
        System.out.printf("1 connection, held for %d ms; another worker waits for it at most %d ms:%n",
                holdMillis, patienceMillis);
        var connectionPermits = new Semaphore(1);
        var timeline = new Timeline();
        var holderIsIn = new CountDownLatch(1);
        var holder = Thread.ofPlatform().name("holder").start(() -> {
            connectionPermits.acquireUninterruptibly();
            try {
                timeline.entered("holder");
                holderIsIn.countDown();
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                timeline.left("holder");
                connectionPermits.release();
            }
        });
        holderIsIn.await(5, TimeUnit.SECONDS);
        timeline.note("impatient waits at most " + patienceMillis + " ms");
        boolean gotIn = connectionPermits.tryAcquire(patienceMillis, TimeUnit.MILLISECONDS);
        if (gotIn) {
            timeline.note("impatient got in after all");
            connectionPermits.release();
        } else {
            timeline.note("impatient gives up: tryAcquire returned false");
        }
        holder.join();
        return gotIn;
    }

    /**
     * A worker whose work throws, with the release after the work instead of in {@code finally}:
     * prints and returns the permits left of two once it is gone.
     */
    public static int permitLostWithoutFinally() {
        var connectionPermits = new Semaphore(2);
        try {
            connectionPermits.acquireUninterruptibly();
            failingWork();
            connectionPermits.release();
        } catch (IllegalStateException brokenConnection) {
            // the worker ends here, and its permit is never given back
        }
        System.out.printf("release not in finally, work threw:    %d of 2 permits left, for good%n",
                connectionPermits.availablePermits());
        return connectionPermits.availablePermits();
    }

    /** One acquire, two releases: prints and returns the permits a semaphore of two then has. */
    public static int permitMadeUpByReleasingTwice() throws InterruptedException {
        var connectionPermits = new Semaphore(2);
        connectionPermits.acquire();
        connectionPermits.release();
        connectionPermits.release();
        System.out.printf("one acquire, then release() twice:     %d of 2 permits available%n",
                connectionPermits.availablePermits());
        return connectionPermits.availablePermits();
    }

    private static void failingWork() {
        throw new IllegalStateException("the connection broke");
    }
}
