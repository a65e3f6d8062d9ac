package workbook.demos;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Lesson 06 — condition variables: a bounded buffer whose producers wait while it is full and
 * whose consumers wait while it is empty.
 *
 * <p>A thread that cannot go on until some other thread changes shared state (puts an item, makes
 * room) should neither spin nor sleep and look again: it waits on a condition, which lets go of the
 * lock while it sleeps, and the thread that changes the state wakes it. The demo shows it four ways:
 * <ul>
 *   <li>{@link #blockingEvents()} logs, from inside the lock, every time a producer finds the buffer
 *       full or a consumer finds it empty and has to wait, with a {@code ReentrantLock} and its two
 *       conditions {@code notFull} and {@code notEmpty};</li>
 *   <li>{@link #wakeUpsThatFindNothing(int)} counts how often a thread woken by {@code notifyAll()}
 *       finds its condition still false, because another thread got there first: each of those
 *       threads would have gone wrong with {@code if} instead of {@code while};</li>
 *   <li>{@link #handOffWithNotify(int)} passes 2 × 10,000 items from 2 producers to 2 consumers
 *       through one slot of a buffer that wakes waiters with {@code notify()}: it stalls, every
 *       thread waiting for a wake-up that never comes. {@link #handOffWithNotifyAll(int)} does the
 *       same with {@code notifyAll()}, and finishes. A stall is detected when nothing moves for half
 *       a second, so the demo always ends by itself;</li>
 *   <li>{@link #libraryQueue(int)} does the same handoff through an {@code ArrayBlockingQueue}.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 06}, or in JShell: {@code /open lessons/06-conditions.jsh}.
 * The handoff figures change from run to run. In 20 runs in a row on a 2-core Linux machine with
 * Temurin 25.0.3, busy with other builds, the notify() version stalled every time, after 1 to 263
 * items, and the notifyAll() version always finished, in 0.10 to 2.03 s. One of those runs:
 * <pre>
 * A fast producer and a slow consumer, a buffer of 2 slots:
 *   producer    put 1                buffer [1]
 *   producer    put 2                buffer [1, 2]
 *   producer    waits: buffer full   buffer [1, 2]
 *   consumer    took 1               buffer [2]
 *   producer    put 3                buffer [2, 3]
 *   producer    waits: buffer full   buffer [2, 3]
 *   consumer    took 2               buffer [3]
 *   producer    put 4                buffer [3, 4]
 *   producer    waits: buffer full   buffer [3, 4]
 *   consumer    took 3               buffer [4]
 *   producer    put 5                buffer [4, 5]
 *   consumer    took 4               buffer [5]
 *   consumer    took 5               buffer []
 * A slow producer and two fast consumers, a buffer of 2 slots:
 *   consumer-1  waits: buffer empty  buffer []
 *   consumer-2  waits: buffer empty  buffer []
 *   producer    put 1                buffer [1]
 *   consumer-1  took 1               buffer []
 *   consumer-1  waits: buffer empty  buffer []
 *   producer    put 2                buffer [2]
 *   consumer-2  took 2               buffer []
 *   consumer-2  waits: buffer empty  buffer []
 *   producer    put 3                buffer [3]
 *   consumer-1  took 3               buffer []
 *   producer    put 4                buffer [4]
 *   consumer-2  took 4               buffer []
 * Threads had to wait 7 times, and each was woken by the change it waited for.
 *
 * 2 producers and 2 consumers, one slot, notifyAll(): finished, 20,000 items handed over in 0.39 s.
 *   A consumer woke up to an empty buffer 9,671 times, a producer to a full one 9,043 times.
 *   Each went back to wait(), because it waits in a while loop. With if instead of while,
 *   each would have taken from an empty buffer or overfilled a full one.
 *
 * notify():              STALLED after 32 of 20,000 items: nothing moved for 500 ms.
 *   consumer-1 WAITING, consumer-2 WAITING, producer-1 WAITING, producer-2 WAITING
 * notifyAll():           finished, 20,000 items handed over in 0.12 s
 * ArrayBlockingQueue(1): finished, 20,000 items handed over in 0.15 s
 * </pre>
 */
public final class ConditionsDemo {

    /** How long nothing may move before a handoff counts as stalled. */
    private static final Duration STALL = Duration.ofMillis(500);

    private ConditionsDemo() {}

    public static void main(String[] args) throws InterruptedException {
        int itemsPerProducer = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        blockingEvents();
        System.out.println();
        wakeUpsThatFindNothing(itemsPerProducer);
        System.out.println();
        handOffWithNotify(itemsPerProducer);
        handOffWithNotifyAll(itemsPerProducer);
        libraryQueue(itemsPerProducer);
    }

    /** What producers and consumers need from a buffer. */
    public interface Buffer {
        void put(int item) throws InterruptedException;

        int take() throws InterruptedException;
    }

    /**
     * A bounded buffer on a {@code ReentrantLock} with one condition per kind of waiter, which
     * logs (under the lock, so in the true order) every put, take, and wait.
     */
    static final class LoggingBuffer implements Buffer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();
        private final ArrayDeque<Integer> items = new ArrayDeque<>(); // guarded by lock
        private final int capacity;
        private int waits; // guarded by lock

        LoggingBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void put(int item) throws InterruptedException {
            lock.lock();
            try {
                while (items.size() == capacity) {
                    log("waits: buffer full");
                    notFull.await();
                }
                items.addLast(item);
                log("put " + item);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int take() throws InterruptedException {
            lock.lock();
            try {
                while (items.isEmpty()) {
                    log("waits: buffer empty");
                    notEmpty.await();
                }
                int item = items.removeFirst();
                log("took " + item);
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        private void log(String event) {
            if (event.startsWith("waits")) {
                waits++;
            }
            System.out.printf("  %-11s %-20s buffer %s%n", Thread.currentThread().getName(), event, items);
        }

        int waits() {
            lock.lock();
            try {
                return waits;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Two scenes with a buffer of two slots: a fast producer and a slow consumer (the producer
     * waits on a full buffer), then a slow producer and two fast consumers (they wait on an empty
     * one). Slowness is a sleep outside the buffer. Returns how many times a thread had to wait.
     */
    public static int blockingEvents() throws InterruptedException {
        System.out.println("A fast producer and a slow consumer, a buffer of 2 slots:");
        var first = new LoggingBuffer(2);
        runAll(List.of(
                thread("producer", () -> {
                    for (int item = 1; item <= 5; item++) {
                        first.put(item);
                    }
                }),
                thread("consumer", () -> {
                    for (int i = 0; i < 5; i++) {
                        Thread.sleep(100);
                        first.take();
                    }
                })));
        System.out.println("A slow producer and two fast consumers, a buffer of 2 slots:");
        var second = new LoggingBuffer(2);
        runAll(List.of(
                thread("producer", () -> {
                    for (int item = 1; item <= 4; item++) {
                        Thread.sleep(100);
                        second.put(item);
                    }
                }),
                thread("consumer-1", () -> {
                    second.take();
                    second.take();
                }),
                thread("consumer-2", () -> {
                    second.take();
                    second.take();
                })));
        int waits = first.waits() + second.waits();
        System.out.println("Threads had to wait " + waits + " times, and each was woken by the change it waited for.");
        return waits;
    }

    /** The textbook monitor version: one wait set for both sides, so every change wakes everyone. */
    static final class NotifyAllBuffer implements Buffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>(); // guarded by this
        private final int capacity;

        NotifyAllBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            while (items.size() == capacity) {
                wait();
            }
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notifyAll();
            return item;
        }
    }

    /** The same buffer with notify(): it wakes one waiter, which may be of the wrong side. */
    static final class NotifyOneBuffer implements Buffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>(); // guarded by this
        private final int capacity;

        NotifyOneBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            while (items.size() == capacity) {
                wait();
            }
            items.addLast(item);
            notify();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notify();
            return item;
        }
    }

    /**
     * The notifyAll() buffer, counting the wake-ups after which the thread's condition was still
     * false: another thread had already taken the item or filled the slot.
     */
    static final class WakeUpCountingBuffer implements Buffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>(); // guarded by this
        private final int capacity;
        private int fullAfterWakeUp; // guarded by this
        private int emptyAfterWakeUp; // guarded by this

        WakeUpCountingBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            while (items.size() == capacity) {
                wait();
                if (items.size() == capacity) {
                    fullAfterWakeUp++;
                }
            }
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
                if (items.isEmpty()) {
                    emptyAfterWakeUp++;
                }
            }
            int item = items.removeFirst();
            notifyAll();
            return item;
        }
    }

    /**
     * Hands 2 × {@code itemsPerProducer} items through a one-slot notifyAll() buffer and counts the
     * wake-ups that found nothing to do; returns how many there were.
     */
    public static int wakeUpsThatFindNothing(int itemsPerProducer) throws InterruptedException {
        var buffer = new WakeUpCountingBuffer(1);
        var outcome = run(buffer, itemsPerProducer);
        int stolen;
        synchronized (buffer) {
            stolen = buffer.fullAfterWakeUp + buffer.emptyAfterWakeUp;
            System.out.printf("""
                    2 producers and 2 consumers, one slot, notifyAll(): %s.
                      A consumer woke up to an empty buffer %,d times, a producer to a full one %,d times.
                      Each went back to wait(), because it waits in a while loop. With if instead of while,
                      each would have taken from an empty buffer or overfilled a full one.
                    """, outcome, buffer.emptyAfterWakeUp, buffer.fullAfterWakeUp);
        }
        return stolen;
    }

    /** How a handoff ended: all items through, or stalled, with what each thread was doing then. */
    public record Outcome(boolean finished, int itemsTaken, int itemsTotal, Duration elapsed, String stalledThreads) {
        @Override
        public String toString() {
            return finished
                    ? "finished, %,d items handed over in %.2f s".formatted(itemsTotal, elapsed.toMillis() / 1000.0)
                    : "STALLED after %,d of %,d items: nothing moved for %d ms.%n  %s"
                            .formatted(itemsTaken, itemsTotal, STALL.toMillis(), stalledThreads);
        }
    }

    /** The handoff through the one-slot buffer that wakes a single waiter with notify(). */
    public static Outcome handOffWithNotify(int itemsPerProducer) throws InterruptedException {
        return handOff("notify()", new NotifyOneBuffer(1), itemsPerProducer);
    }

    /** The handoff through the one-slot buffer that wakes every waiter with notifyAll(). */
    public static Outcome handOffWithNotifyAll(int itemsPerProducer) throws InterruptedException {
        return handOff("notifyAll()", new NotifyAllBuffer(1), itemsPerProducer);
    }

    /**
     * 2 producers put {@code itemsPerProducer} items each into {@code buffer}, 2 consumers take them
     * all. Prints and returns how it ended; a stalled handoff's threads are interrupted.
     */
    public static Outcome handOff(String name, Buffer buffer, int itemsPerProducer) throws InterruptedException {
        var outcome = run(buffer, itemsPerProducer);
        System.out.printf("%-22s %s%n", name + ":", outcome);
        return outcome;
    }

    /** The same handoff through the library's bounded blocking queue, of one slot. */
    public static Outcome libraryQueue(int itemsPerProducer) throws InterruptedException {
        var queue = new ArrayBlockingQueue<Integer>(1);
        return handOff("ArrayBlockingQueue(1)", new Buffer() {
            @Override
            public void put(int item) throws InterruptedException {
                queue.put(item);
            }

            @Override
            public int take() throws InterruptedException {
                return queue.take();
            }
        }, itemsPerProducer);
    }

    private static Outcome run(Buffer buffer, int itemsPerProducer) throws InterruptedException {
        int total = 2 * itemsPerProducer;
        var taken = new AtomicInteger();
        var claimed = new AtomicInteger();
        var threads = new ArrayList<Thread>();
        for (int c = 1; c <= 2; c++) {
            threads.add(thread("consumer-" + c, () -> {
                while (claimed.getAndIncrement() < total) {
                    buffer.take();
                    taken.incrementAndGet();
                }
            }));
        }
        for (int p = 1; p <= 2; p++) {
            threads.add(thread("producer-" + p, () -> {
                for (int item = 0; item < itemsPerProducer; item++) {
                    buffer.put(item);
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        int lastSeen = -1;
        long lastMoved = start;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(10);
            long now = System.nanoTime();
            if (taken.get() != lastSeen) {
                lastSeen = taken.get();
                lastMoved = now;
            } else if (now - lastMoved > STALL.toNanos()) {
                var states = threads.stream()
                        .map(thread -> thread.getName() + " " + thread.getState())
                        .collect(Collectors.joining(", "));
                threads.forEach(Thread::interrupt);
                return new Outcome(false, taken.get(), total, Duration.ofNanos(now - start), states);
            }
        }
        return new Outcome(true, taken.get(), total, Duration.ofNanos(System.nanoTime() - start), "");
    }

    /** Work that may be interrupted; an interrupt simply ends the thread. */
    private interface Work {
        void run() throws InterruptedException;
    }

    /** An unstarted daemon thread, so that a stalled one can never keep the JVM alive. */
    private static Thread thread(String name, Work work) {
        return Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                work.run();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Starts the threads and waits for them, giving up (and interrupting them) after a few seconds. */
    private static void runAll(List<Thread> threads) throws InterruptedException {
        threads.forEach(Thread::start);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (var thread : threads) {
            if (!thread.join(Duration.ofNanos(Math.max(1, end - System.nanoTime())))) {
                System.out.println("  (" + thread.getName() + " did not finish within 5 s, and was interrupted)");
                threads.forEach(Thread::interrupt);
                return;
            }
        }
    }
}
