package workbook.demos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lesson 11 — producer–consumer: a {@code BlockingQueue} between threads, back-pressure, ending the
 * consumers, waiting for unfinished work, and counts that can be read while it all runs.
 *
 * <ul>
 *   <li>{@link #backPressure(int, int)}: a fast producer and a slow consumer on an
 *       {@code ArrayBlockingQueue}: the queue never holds more than its capacity, because
 *       {@code put} waits for room;</li>
 *   <li>{@link #poisonPills(int, int)}: several consumers, ended by one stop marker each, put
 *       behind the last item: every item is handled, then every consumer ends by itself;</li>
 *   <li>{@link #emptyIsNotDone(int)}: the queue is empty long before the work is done, and a
 *       {@code Phaser} with one party per unfinished task waits for the real end, as Python's
 *       {@code queue.join()} does;</li>
 *   <li>{@link #liveCounts(int)}: waiting, in progress, done and failed, kept under one lock and
 *       shown while the workers run: every reading adds up;</li>
 *   <li>{@link #countsThatDisagree(int)}: the same four numbers as four separate atomic counters:
 *       each is right, yet a reading of all four mixes moments and does not add up.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 11}, or in JShell: {@code /open lessons/11-producer-consumer.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3, busy with other builds:
 * <pre>
 * A producer puts 6 items into an ArrayBlockingQueue of capacity 2; the consumer takes one every 20 ms:
 *   put(0) waited   0 ms, the queue now holds 1
 *   put(1) waited   0 ms, the queue now holds 2
 *   put(2) waited  19 ms, the queue now holds 2
 *   put(3) waited  18 ms, the queue now holds 2
 *   put(4) waited  19 ms, the queue now holds 2
 *   put(5) waited  19 ms, the queue now holds 2
 *   the queue never held more than 2 items
 *
 * 3 consumers, 12 items, then one stop marker per consumer behind the last item:
 *   consumer-0 took its stop marker after 4 items, and ended
 *   consumer-2 took its stop marker after 3 items, and ended
 *   consumer-1 took its stop marker after 5 items, and ended
 *   handled: 12 of 12; consumers still alive: 0
 *
 * 4 tasks of 50 ms each, 4 workers; a Phaser counts one party per unfinished task:
 *   queue.isEmpty() after 9 ms, with 4 tasks still in progress
 *   the Phaser advanced after 59 ms, with 0 tasks in progress
 *
 * 40 tasks of 3 ms, 2 workers; the counts, under one lock, read while they run (shown every 25 ms):
 *   waiting 37, in progress 2, done  1, failed 0   (adds up to 40)
 *   waiting 30, in progress 2, done  7, failed 1   (adds up to 40)
 *   waiting 27, in progress 2, done  9, failed 2   (adds up to 40)
 *   waiting 23, in progress 2, done 13, failed 2   (adds up to 40)
 *   waiting 18, in progress 2, done 16, failed 4   (adds up to 40)
 *   waiting 15, in progress 2, done 19, failed 4   (adds up to 40)
 *   waiting 12, in progress 2, done 21, failed 5   (adds up to 40)
 *   waiting 11, in progress 2, done 22, failed 5   (adds up to 40)
 *   waiting  2, in progress 2, done 30, failed 6   (adds up to 40)
 *   waiting  2, in progress 2, done 30, failed 6   (adds up to 40)
 *   at the end: waiting  0, in progress 0, done 32, failed 8
 *   76637 reads while the workers ran, 0 of them did not add up to 40
 *
 * 200000 empty tasks, 2 workers, the counts read as fast as possible; four separate AtomicIntegers:
 *   at the end: waiting  0, in progress 0, done 160000, failed 40000
 *   126480 reads while the workers ran, 36788 of them did not add up to 200000 (for example: waiting 188749, in progress 0, done 8999, failed 2250, adding up to 199998)
 * The same with one lock around all four:
 *   at the end: waiting  0, in progress 0, done 160000, failed 40000
 *   104558 reads while the workers ran, 0 of them did not add up to 200000
 * </pre>
 */
public final class ProducerConsumerDemo {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final String STOP = "stop";

    private ProducerConsumerDemo() {}

    public static void main(String[] args) throws Exception {
        backPressure(2, 6);
        System.out.println();
        poisonPills(3, 12);
        System.out.println();
        emptyIsNotDone(4);
        System.out.println();
        liveCounts(40);
        System.out.println();
        countsThatDisagree(200_000);
    }

    /** A fast producer, a slow consumer; returns the most items the queue ever held. */
    public static int backPressure(int capacity, int items) throws InterruptedException {
        System.out.printf("A producer puts %d items into an ArrayBlockingQueue of capacity %d; the consumer takes one every 20 ms:%n",
                items, capacity);
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
        var consumer = Thread.ofPlatform().name("consumer").start(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    Thread.sleep(20);
                    queue.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int most = 0;
        for (int i = 0; i < items; i++) {
            long start = System.nanoTime();
            if (!queue.offer(i, LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                break;
            }
            most = Math.max(most, queue.size());
            System.out.printf("  put(%d) waited %3d ms, the queue now holds %d%n", i, (System.nanoTime() - start) / 1_000_000, queue.size());
        }
        consumer.join(LIMIT);
        System.out.printf("  the queue never held more than %d items%n", most);
        return most;
    }

    /** Consumers ended by one stop marker each; returns how many items they handled in all. */
    public static int poisonPills(int consumers, int items) throws InterruptedException {
        System.out.printf("%d consumers, %d items, then one stop marker per consumer behind the last item:%n", consumers, items);
        var queue = new LinkedBlockingQueue<String>();
        var handled = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < consumers; c++) {
            var mine = new AtomicInteger();
            threads.add(Thread.ofPlatform().name("consumer-" + c).start(() -> {
                try {
                    for (var item = queue.take(); !item.equals(STOP); item = queue.take()) {
                        Thread.sleep(5);
                        mine.incrementAndGet();
                        handled.incrementAndGet();
                    }
                    System.out.printf("  %s took its stop marker after %d items, and ended%n", Thread.currentThread().getName(), mine.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (int i = 0; i < items; i++) {
            queue.add("item " + i);
        }
        for (int c = 0; c < consumers; c++) {
            queue.add(STOP);
        }
        for (var thread : threads) {
            thread.join(LIMIT);
        }
        System.out.printf("  handled: %d of %d; consumers still alive: %d%n", handled.get(), items,
                threads.stream().filter(Thread::isAlive).count());
        return handled.get();
    }

    /**
     * Workers take tasks that last 50 ms; returns how many were still in progress when the queue
     * was first seen empty.
     */
    public static int emptyIsNotDone(int tasks) throws InterruptedException, TimeoutException {
        System.out.printf("%d tasks of 50 ms each, %d workers; a Phaser counts one party per unfinished task:%n", tasks, tasks);
        var queue = new LinkedBlockingQueue<Integer>();
        var unfinished = new Phaser(1);
        var inProgress = new AtomicInteger();
        for (int i = 0; i < tasks; i++) {
            unfinished.register();
            queue.add(i);
        }
        long start = System.nanoTime();
        for (int w = 0; w < tasks; w++) {
            Thread.ofPlatform().name("worker-" + w).start(() -> {
                try {
                    var task = queue.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (task != null) {
                        inProgress.incrementAndGet();
                        Thread.sleep(50);
                        inProgress.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    unfinished.arriveAndDeregister();
                }
            });
        }
        long giveUp = System.nanoTime() + LIMIT.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        int stillRunning = inProgress.get();
        System.out.printf("  queue.isEmpty() after %d ms, with %d tasks still in progress%n",
                (System.nanoTime() - start) / 1_000_000, stillRunning);
        unfinished.awaitAdvanceInterruptibly(unfinished.arrive(), LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        System.out.printf("  the Phaser advanced after %d ms, with %d tasks in progress%n",
                (System.nanoTime() - start) / 1_000_000, inProgress.get());
        return stillRunning;
    }

    /** The four counts, as one reader saw them at one moment. */
    public record Counts(int waiting, int inProgress, int done, int failed) {
        int total() {
            return waiting + inProgress + done + failed;
        }

        @Override
        public String toString() {
            return "waiting %2d, in progress %d, done %2d, failed %d".formatted(waiting, inProgress, done, failed);
        }
    }

    /** Counters that can be read while they change. */
    private interface Tally {
        void take();

        void finish(boolean ok);

        Counts read();
    }

    /** Four atomic counters: each number is right, and a take changes two of them one after the other. */
    private static final class SeparateCounters implements Tally {
        private final AtomicInteger waiting;
        private final AtomicInteger inProgress = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        SeparateCounters(int tasks) {
            waiting = new AtomicInteger(tasks);
        }

        @Override
        public void take() {
            waiting.decrementAndGet();
            inProgress.incrementAndGet();
        }

        @Override
        public void finish(boolean ok) {
            inProgress.decrementAndGet();
            (ok ? done : failed).incrementAndGet();
        }

        @Override
        public Counts read() {
            return new Counts(waiting.get(), inProgress.get(), done.get(), failed.get());
        }
    }

    /** The same four numbers, changed and read under one lock. */
    private static final class OneLock implements Tally {
        private int waiting; // guarded by this
        private int inProgress; // guarded by this
        private int done; // guarded by this
        private int failed; // guarded by this

        OneLock(int tasks) {
            waiting = tasks;
        }

        @Override
        public synchronized void take() {
            waiting--;
            inProgress++;
        }

        @Override
        public synchronized void finish(boolean ok) {
            inProgress--;
            if (ok) {
                done++;
            } else {
                failed++;
            }
        }

        @Override
        public synchronized Counts read() {
            return new Counts(waiting, inProgress, done, failed);
        }
    }

    /**
     * Two workers run {@code tasks} tasks of 3 ms each (every fifth fails) while the main thread
     * reads the counts, under one lock; shown live every 25 ms. Returns how many reads did not add
     * up to {@code tasks}.
     */
    public static int liveCounts(int tasks) throws InterruptedException {
        System.out.printf("%d tasks of 3 ms, 2 workers; the counts, under one lock, read while they run (shown every 25 ms):%n", tasks);
        return run(new OneLock(tasks), tasks, Duration.ofMillis(3), true);
    }

    /**
     * Two workers run {@code tasks} empty tasks while the main thread reads the counts as fast as
     * it can, from four separate atomic counters and then from one lock. Returns how many reads of
     * the separate counters did not add up to {@code tasks}.
     */
    public static int countsThatDisagree(int tasks) throws InterruptedException {
        System.out.printf("%d empty tasks, 2 workers, the counts read as fast as possible; four separate AtomicIntegers:%n", tasks);
        int wrong = run(new SeparateCounters(tasks), tasks, Duration.ZERO, false);
        System.out.println("The same with one lock around all four:");
        run(new OneLock(tasks), tasks, Duration.ZERO, false);
        return wrong;
    }

    /** Runs the tasks on two workers while reading {@code tally}; returns how many reads did not add up. */
    private static int run(Tally tally, int tasks, Duration each, boolean showLive) throws InterruptedException {
        var next = new AtomicInteger();
        var workers = new ArrayList<Thread>();
        for (int w = 0; w < 2; w++) {
            workers.add(Thread.ofPlatform().name("worker-" + w).start(() -> {
                for (int task = next.getAndIncrement(); task < tasks; task = next.getAndIncrement()) {
                    tally.take();
                    spin(each);
                    tally.finish(task % 5 != 4);
                }
            }));
        }
        int reads = 0;
        int wrong = 0;
        Counts sample = null;
        long nextShown = System.nanoTime();
        long end = System.nanoTime() + LIMIT.toNanos();
        while (workers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < end) {
            var counts = tally.read();
            reads++;
            if (counts.total() != tasks) {
                wrong++;
                sample = counts;
            }
            if (showLive && System.nanoTime() >= nextShown) {
                System.out.println("  " + counts + "   (adds up to " + counts.total() + ")");
                nextShown = System.nanoTime() + Duration.ofMillis(25).toNanos();
            }
        }
        for (var worker : workers) {
            worker.join(LIMIT);
        }
        System.out.println("  at the end: " + tally.read());
        System.out.printf("  %d reads while the workers ran, %d of them did not add up to %d%s%n", reads, wrong, tasks,
                sample == null ? "" : " (for example: " + sample + ", adding up to " + sample.total() + ")");
        return wrong;
    }

    private static void spin(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
