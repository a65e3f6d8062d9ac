package workbook.demos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lesson 10 — signals and interruption: waking threads that wait, and asking a thread to stop.
 *
 * <p>Python's {@code threading.Event} is a flag that threads wait for. Java's one-shot version is
 * a {@code CountDownLatch(1)}: one {@code countDown()} releases every waiter, and it never closes
 * again. An event that can be cleared must be built, and the obvious build (wait while the flag is
 * clear) strands a waiter when a {@code clear()} follows the {@code set()} at once. Asking a thread
 * to stop is Java's interruption protocol: {@code interrupt()} is the request; the blocking calls
 * that answer it end with {@code InterruptedException} and clear the status; others do not answer
 * at all.
 * <ul>
 *   <li>{@link #latchReleasesEveryWaiter(int)}: one {@code countDown()}, every waiter released;</li>
 *   <li>{@link #setThenClear(int)}: an event that only re-reads its flag, {@code set()} then at
 *       once {@code clear()}: how many of its waiters were stranded;</li>
 *   <li>{@link #whoAnswersAnInterrupt()}: nine ways to block, interrupted: which end, which not;</li>
 *   <li>{@link #catchingClearsTheStatus()}: the status after {@code catch}, and after restoring it;</li>
 *   <li>{@link #shutdownLatency(Duration)}: a worker stopped the seeds' way (a flag looked at
 *       between timed waits) and Java's way (an interrupt): how long each took to stop.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 10}, or in JShell:
 * {@code /open lessons/10-signals-and-interruption.jsh}. One run on a 2-core Linux machine with
 * Temurin 25.0.3, busy with other builds:
 * <pre>
 * 4 threads wait on a CountDownLatch(1); one countDown():
 *   4 of 4 released
 *
 * 4 threads wait on an event that re-reads its flag when woken; set(), then at once clear():
 *   0 released, 4 stranded until their 2 s timeout
 *
 * A thread blocked in each call is interrupted. Does the call end within 200 ms?
 *   Thread.sleep(2 s)                              TIMED_WAITING  yes: threw InterruptedException
 *   monitor.wait(2 s)                              TIMED_WAITING  yes: threw InterruptedException
 *   other.join(2 s)                                TIMED_WAITING  yes: threw InterruptedException
 *   queue.take()                                   WAITING        yes: threw InterruptedException
 *   lock.lockInterruptibly()                       WAITING        yes: threw InterruptedException
 *   lock.lock()                                    WAITING        no; once released it returned normally, interrupt status true
 *   entering synchronized (monitor)                BLOCKED        no; once released it returned normally, interrupt status true
 *   accept() on a ServerSocket, platform thread    RUNNABLE       no; once released it threw SocketException
 *   accept() on a ServerSocket, virtual thread     WAITING        yes: threw SocketException
 *   6 of 9 calls answered the interrupt
 *
 * The thread interrupts itself, then calls Thread.sleep(2 s):
 *   sleep threw InterruptedException at once; isInterrupted() in the catch: false
 *   after Thread.currentThread().interrupt(): true
 *
 * Two workers wait on an empty queue. Stopped through a flag looked at every 500 ms: 277 ms to stop.
 * Stopped through an interrupt: 1 ms to stop.
 * </pre>
 */
public final class SignalsAndInterruptionDemo {

    /** How long anything here may wait before it gives up: the demo never hangs. */
    private static final Duration PATIENCE = Duration.ofSeconds(2);
    /** How long a blocked call gets to answer an interrupt before it counts as "does not answer". */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(200);
    /** How long a thread is given to get into a native call such as accept(), where its state stays RUNNABLE. */
    private static final Duration NATIVE_CALL_SETTLES = Duration.ofMillis(100);

    private SignalsAndInterruptionDemo() {}

    public static void main(String[] args) throws Exception {
        latchReleasesEveryWaiter(4);
        System.out.println();
        setThenClear(4);
        System.out.println();
        whoAnswersAnInterrupt();
        System.out.println();
        catchingClearsTheStatus();
        System.out.println();
        shutdownLatency(Duration.ofMillis(500));
    }

    /** Starts {@code waiters} threads waiting on one latch, counts it down once; returns how many were released. */
    public static int latchReleasesEveryWaiter(int waiters) throws InterruptedException {
        var ready = new CountDownLatch(1);
        var released = new AtomicInteger();
        var threads = startWaiters(waiters, "latch-waiter", () -> {
            if (ready.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                released.incrementAndGet();
            }
        });
        awaitAllWaiting(threads);
        ready.countDown();
        joinAll(threads);
        System.out.printf("%d threads wait on a CountDownLatch(1); one countDown():%n  %d of %d released%n",
                waiters, released.get(), waiters);
        return released.get();
    }

    /**
     * Starts {@code waiters} threads in {@link FlagOnlyEvent#await}, then calls {@code set()} and at
     * once {@code clear()}; returns how many waiters were stranded (timed out although a set() came).
     */
    public static int setThenClear(int waiters) throws InterruptedException {
        var event = new FlagOnlyEvent();
        var releasedCount = new AtomicInteger();
        var threads = startWaiters(waiters, "event-waiter", () -> {
            if (event.await(PATIENCE)) {
                releasedCount.incrementAndGet();
            }
        });
        awaitAllWaiting(threads);
        event.set();
        event.clear();
        joinAll(threads);
        int stranded = waiters - releasedCount.get();
        System.out.printf("""
                %d threads wait on an event that re-reads its flag when woken; set(), then at once clear():
                  %d released, %d stranded until their %d s timeout%n""",
                waiters, releasedCount.get(), stranded, PATIENCE.toSeconds());
        return stranded;
    }

    /**
     * Blocks a thread in nine ways, interrupts it, and prints whether the call ended within 200 ms
     * and how; returns how many answered the interrupt.
     */
    public static int whoAnswersAnInterrupt() throws Exception {
        System.out.println("A thread blocked in each call is interrupted. Does the call end within 200 ms?");
        var monitor = new Object();
        var lock = new ReentrantLock();
        var queue = new LinkedBlockingQueue<String>();
        int answered = 0;
        answered += answers("Thread.sleep(2 s)", () -> Thread.sleep(PATIENCE), () -> {});
        answered += answers("monitor.wait(2 s)", () -> {
            synchronized (monitor) {
                monitor.wait(PATIENCE.toMillis());
            }
        }, () -> {});
        var sleeper = Thread.ofPlatform().daemon().start(() -> pause(PATIENCE));
        answered += answers("other.join(2 s)", () -> sleeper.join(PATIENCE), () -> {});
        answered += answers("queue.take()", queue::take, () -> queue.add("wake up"));
        lock.lock();
        try {
            answered += answers("lock.lockInterruptibly()", () -> {
                lock.lockInterruptibly();
                lock.unlock();
            }, lock::unlock);
        } finally {
            releaseIfHeld(lock);
        }
        lock.lock();
        try {
            answered += answers("lock.lock()", () -> {
                lock.lock();
                lock.unlock();
            }, lock::unlock);
        } finally {
            releaseIfHeld(lock);
        }
        answered += blockedOnMonitor(monitor);
        answered += acceptOn("accept() on a ServerSocket, platform thread", Thread.ofPlatform().daemon());
        answered += acceptOn("accept() on a ServerSocket, virtual thread", Thread.ofVirtual());
        System.out.printf("  %d of 9 calls answered the interrupt%n", answered);
        return answered;
    }

    /** Shows that catching {@code InterruptedException} clears the status, and restores it; returns whether it is set again. */
    public static boolean catchingClearsTheStatus() throws InterruptedException {
        var restored = new boolean[1];
        var thread = Thread.ofPlatform().daemon().name("interrupted").start(() -> {
            Thread.currentThread().interrupt();
            System.out.println("The thread interrupts itself, then calls Thread.sleep(2 s):");
            try {
                Thread.sleep(PATIENCE);
            } catch (InterruptedException e) {
                System.out.println("  sleep threw InterruptedException at once; isInterrupted() in the catch: "
                        + Thread.currentThread().isInterrupted());
                Thread.currentThread().interrupt();
                restored[0] = Thread.currentThread().isInterrupted();
                System.out.println("  after Thread.currentThread().interrupt(): " + restored[0]);
            }
        });
        thread.join(PATIENCE);
        return restored[0];
    }

    /**
     * Stops two workers blocked on an empty queue, the seeds' way (a volatile flag, looked at between
     * waits of {@code pollEvery}) and with an interrupt; prints and returns how long each took, in
     * milliseconds (the flag's first).
     */
    public static long[] shutdownLatency(Duration pollEvery) throws InterruptedException {
        var queue = new LinkedBlockingQueue<String>();
        var flagWorker = new FlagWorker(queue, pollEvery);
        var flagThread = Thread.ofPlatform().daemon().name("flag-worker").start(flagWorker);
        var interruptThread = Thread.ofPlatform().daemon().name("interrupt-worker").start(() -> {
            try {
                while (true) {
                    queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        awaitAllWaiting(List.of(flagThread, interruptThread));
        pause(pollEvery.dividedBy(3));
        long flagMillis = timeToStop(flagThread, flagWorker::stop);
        long interruptMillis = timeToStop(interruptThread, interruptThread::interrupt);
        System.out.printf("""
                Two workers wait on an empty queue. Stopped through a flag looked at every %d ms: %d ms to stop.
                Stopped through an interrupt: %d ms to stop.%n""", pollEvery.toMillis(), flagMillis, interruptMillis);
        return new long[] {flagMillis, interruptMillis};
    }

    /**
     * The event built the obvious way: a flag and a condition, and a waiter that waits while the flag
     * is clear. It releases every waiter on {@code set()}, but a woken waiter looks at the flag again
     * only once it has the lock back, and a {@code clear()} may have come first.
     */
    static final class FlagOnlyEvent {
        private final Lock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private boolean set;    // guarded by lock

        void set() {
            lock.lock();
            try {
                set = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void clear() {
            lock.lock();
            try {
                set = false;
            } finally {
                lock.unlock();
            }
        }

        boolean await(Duration timeout) throws InterruptedException {
            long nanosLeft = timeout.toNanos();
            lock.lockInterruptibly();
            try {
                while (!set) {
                    if (nanosLeft <= 0) {
                        return false;
                    }
                    nanosLeft = changed.awaitNanos(nanosLeft);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The seeds' shutdown: a flag that the worker looks at between waits of a fixed length. */
    static final class FlagWorker implements Runnable {
        private final BlockingQueue<String> queue;
        private final Duration pollEvery;
        private volatile boolean stopRequested;

        FlagWorker(BlockingQueue<String> queue, Duration pollEvery) {
            this.queue = queue;
            this.pollEvery = pollEvery;
        }

        @Override
        public void run() {
            try {
                while (!stopRequested) {
                    queue.poll(pollEvery.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            stopRequested = true;
        }
    }

    @FunctionalInterface
    private interface Blocking {
        void call() throws Exception;
    }

    /** Blocks a thread in {@code call}, interrupts it, prints whether it ended in time; then {@code release}s it. */
    private static int answers(String what, Blocking call, Runnable release) throws InterruptedException {
        return report(what, Thread.ofPlatform().daemon(), call, release, false);
    }

    /**
     * The heart of {@link #whoAnswersAnInterrupt}. A platform thread inside native I/O shows as
     * RUNNABLE, so for {@code inNativeCode} the call is given a moment to block instead of being
     * watched until it parks.
     */
    private static int report(String what, Thread.Builder builder, Blocking call, Runnable release, boolean inNativeCode)
            throws InterruptedException {
        var outcome = new String[] {"returned normally"};
        var thread = builder.name(what).unstarted(() -> {
            try {
                call.call();
                outcome[0] = "returned normally, interrupt status " + Thread.currentThread().isInterrupted();
            } catch (Exception e) {
                outcome[0] = "threw " + e.getClass().getSimpleName();
            }
        });
        thread.start();
        if (inNativeCode) {
            Thread.sleep(NATIVE_CALL_SETTLES);
        } else {
            awaitAllWaiting(List.of(thread));
        }
        var stateWhenBlocked = thread.getState();
        thread.interrupt();
        boolean ended = thread.join(ANSWER_WITHIN);
        if (!ended) {
            release.run();
            thread.join(PATIENCE);
        }
        System.out.printf("  %-46s %-14s %s%n", what, stateWhenBlocked,
                ended ? "yes: " + outcome[0] : "no; once released it " + outcome[0]);
        return ended ? 1 : 0;
    }

    private static int blockedOnMonitor(Object monitor) throws InterruptedException {
        var entered = new CountDownLatch(1);
        var exit = new CountDownLatch(1);
        var holder = Thread.ofPlatform().daemon().name("holder").start(() -> {
            synchronized (monitor) {
                entered.countDown();
                DemoThreads.awaitQuietly(exit);
            }
        });
        entered.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        int answered = answers("entering synchronized (monitor)", () -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }, exit::countDown);
        exit.countDown();
        holder.join(PATIENCE);
        return answered;
    }

    private static int acceptOn(String what, Thread.Builder builder) throws InterruptedException {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return report(what, builder, server::accept, () -> closeQuietly(server), builder instanceof Thread.Builder.OfPlatform);
        } catch (IOException e) {
            System.out.println("  " + what + ": could not open a local socket: " + e);
            return 0;
        }
    }

    private static long timeToStop(Thread worker, Runnable stop) throws InterruptedException {
        long start = System.nanoTime();
        stop.run();
        worker.join(PATIENCE);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static List<Thread> startWaiters(int count, String name, Blocking waiting) {
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < count; i++) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-" + i).start(() -> {
                try {
                    waiting.call();
                } catch (Exception e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return threads;
    }

    /** Waits until every thread is parked, blocked, or has ended; at most {@link #PATIENCE}. */
    private static void awaitAllWaiting(List<Thread> threads) throws InterruptedException {
        long end = System.nanoTime() + PATIENCE.toNanos();
        for (var thread : threads) {
            while (thread.getState() == Thread.State.RUNNABLE || thread.getState() == Thread.State.NEW) {
                if (System.nanoTime() > end) {
                    return;
                }
                Thread.sleep(1);
            }
        }
        Thread.sleep(20);
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (var thread : threads) {
            thread.join(PATIENCE.plusSeconds(1));
        }
    }

    private static void releaseIfHeld(ReentrantLock lock) {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(ServerSocket server) {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
