package workbook.demos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lesson 04 — reentrancy: a lock that the thread holding it may take again, counted, and what a
 * lock that is not reentrant does to the same code.
 *
 * <p>A reentrant lock remembers its owner and a hold count. The owner's {@code lock()} goes straight
 * in and adds one; each {@code unlock()} takes one away; other threads get the lock only when the
 * count is back to zero. This demo shows it five ways:
 * <ul>
 *   <li>{@link #holdCountsThroughNestedCalls()}: {@code methodA} locks and calls {@code methodB},
 *       which locks the same {@code ReentrantLock}; the hold count goes 1, 2, 1, 0;</li>
 *   <li>{@link #synchronizedIsReentrant()}: the same nesting with {@code synchronized} methods;</li>
 *   <li>{@link #othersWaitForTheLastUnlock()}: while the count is above zero, another thread cannot
 *       take the lock, whoever's code is running;</li>
 *   <li>{@link #nonReentrantMutexWaitsForItself(Duration)}: the nesting on a {@code Semaphore(1)},
 *       which has no owner: {@code methodB} waits for a permit its own thread holds. The demo waits
 *       with a deadline; a plain {@code acquire()} would wait forever;</li>
 *   <li>{@link #onlyTheOwnerUnlocks()}: a {@code ReentrantLock} refuses another thread's
 *       {@code unlock()}; a {@code Semaphore} takes anyone's {@code release()}.</li>
 * </ul>
 *
 * <p>Run it with {@code ./workbook demo 04}, or in JShell: {@code /open lessons/04-reentrancy.jsh}.
 * One run on a 2-core Linux machine with Temurin 25.0.3:
 * <pre>
 * methodA → methodB on one ReentrantLock:
 *   methodA locked:    hold count 1
 *   methodB locked:    hold count 2
 *   back in methodA:   hold count 1
 *   methodA unlocked:  hold count 0
 *
 * synchronized methodA → synchronized methodB on one object:
 *   methodA holds the monitor: true
 *   methodB holds the monitor: true (entered at once: the same thread already owned it)
 *
 * Another thread tries the lock while main holds it:
 *   main locked twice:     hold count 2, another thread gets the lock: false
 *   main unlocked once:    hold count 1, another thread gets the lock: false
 *   main unlocked again:   hold count 0, another thread gets the lock: true
 *
 * methodA → methodB on a Semaphore(1), which does not know its owner:
 *   methodA took the only permit
 *   methodB waited 500 ms for the permit its own thread holds, and gave up.
 *   With acquire() instead of tryAcquire(500 ms) it would wait forever: a self-deadlock.
 *
 * Who may unlock:
 *   another thread calls unlock() on main's ReentrantLock: IllegalMonitorStateException
 *   another thread calls release() on main's Semaphore(1): accepted, 1 permit free
 *   main then releases its own permit too: 2 permits free, a "mutex" that now lets two threads in
 * </pre>
 */
public final class ReentrancyDemo {

    private ReentrancyDemo() {}

    public static void main(String[] args) throws InterruptedException {
        holdCountsThroughNestedCalls();
        System.out.println();
        synchronizedIsReentrant();
        System.out.println();
        othersWaitForTheLastUnlock();
        System.out.println();
        nonReentrantMutexWaitsForItself(Duration.ofMillis(500));
        System.out.println();
        onlyTheOwnerUnlocks();
    }

    /** The seeds' RecursiveLockExample in Java: methodA holds the lock and calls methodB, which locks it too. */
    static final class RecursiveLockExample {
        private final ReentrantLock lock = new ReentrantLock();
        private final List<Integer> holdCounts = new ArrayList<>();

        void methodA() {
            lock.lock();
            try {
                record("methodA locked:  ");
                methodB();
                record("back in methodA: ");
            } finally {
                lock.unlock();
            }
            record("methodA unlocked:");
        }

        void methodB() {
            lock.lock();
            try {
                record("methodB locked:  ");
            } finally {
                lock.unlock();
            }
        }

        private void record(String where) {
            holdCounts.add(lock.getHoldCount());
            System.out.println("  " + where + "  hold count " + lock.getHoldCount());
        }
    }

    /**
     * Runs methodA → methodB on one {@code ReentrantLock} and returns the hold counts seen along the
     * way: 1, 2, 1, 0.
     */
    public static List<Integer> holdCountsThroughNestedCalls() {
        System.out.println("methodA → methodB on one ReentrantLock:");
        var example = new RecursiveLockExample();
        example.methodA();
        return List.copyOf(example.holdCounts);
    }

    /** The same nesting with synchronized methods: the monitor of {@code this} is reentrant too. */
    static final class SynchronizedExample {
        synchronized boolean methodA() {
            System.out.println("  methodA holds the monitor: " + Thread.holdsLock(this));
            return methodB();
        }

        synchronized boolean methodB() {
            boolean holds = Thread.holdsLock(this);
            System.out.println("  methodB holds the monitor: " + holds + " (entered at once: the same thread already owned it)");
            return holds;
        }
    }

    /** Calls a synchronized method from another on the same object; returns true when the inner one got in. */
    public static boolean synchronizedIsReentrant() {
        System.out.println("synchronized methodA → synchronized methodB on one object:");
        return new SynchronizedExample().methodA();
    }

    /**
     * Locks twice in this thread, then unlocks step by step; after each step another thread tries
     * to take the lock. Returns whether it got it after each step: false, false, true.
     */
    public static List<Boolean> othersWaitForTheLastUnlock() throws InterruptedException {
        System.out.println("Another thread tries the lock while main holds it:");
        var lock = new ReentrantLock();
        var results = new ArrayList<Boolean>();
        lock.lock();
        lock.lock();
        results.add(reportOtherThread("main locked twice:  ", lock));
        lock.unlock();
        results.add(reportOtherThread("main unlocked once: ", lock));
        lock.unlock();
        results.add(reportOtherThread("main unlocked again:", lock));
        return results;
    }

    private static boolean reportOtherThread(String step, ReentrantLock lock) throws InterruptedException {
        var got = new AtomicBoolean();
        var other = Thread.ofPlatform().name("other").start(() -> {
            if (lock.tryLock()) {
                got.set(true);
                lock.unlock();
            }
        });
        other.join();
        System.out.printf("  %s   hold count %d, another thread gets the lock: %s%n", step, lock.getHoldCount(), got.get());
        return got.get();
    }

    /** methodA → methodB again, on a Semaphore(1) used as a mutex: a lock that does not know its owner. */
    static final class SemaphoreExample {
        private final Semaphore mutex = new Semaphore(1);

        boolean methodA(Duration patience) throws InterruptedException {
            mutex.acquire();
            try {
                System.out.println("  methodA took the only permit");
                return methodB(patience);
            } finally {
                mutex.release();
            }
        }

        boolean methodB(Duration patience) throws InterruptedException {
            long start = System.nanoTime();
            // acquire() would never return: the only permit is held by this very thread, in methodA.
            if (!mutex.tryAcquire(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.printf("  methodB waited %d ms for the permit its own thread holds, and gave up.%n",
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
                return false;
            }
            try {
                System.out.println("  methodB got a permit");
                return true;
            } finally {
                mutex.release();
            }
        }
    }

    /**
     * Runs methodA → methodB on a {@code Semaphore(1)}; methodB waits at most {@code patience}.
     * Returns whether methodB got in: false, always.
     */
    public static boolean nonReentrantMutexWaitsForItself(Duration patience) throws InterruptedException {
        System.out.println("methodA → methodB on a Semaphore(1), which does not know its owner:");
        boolean gotIn = new SemaphoreExample().methodA(patience);
        if (!gotIn) {
            System.out.printf("  With acquire() instead of tryAcquire(%d ms) it would wait forever: a self-deadlock.%n",
                    patience.toMillis());
        }
        return gotIn;
    }

    /**
     * Another thread tries to open what main holds: a ReentrantLock refuses, a Semaphore accepts.
     * Returns the semaphore's free permits at the end: 2, one more than the mutex ever had.
     */
    public static int onlyTheOwnerUnlocks() throws InterruptedException {
        System.out.println("Who may unlock:");
        var lock = new ReentrantLock();
        lock.lock();
        try {
            var outcome = new AtomicReference<String>();
            runInOtherThread(() -> {
                try {
                    lock.unlock();
                    outcome.set("unlocked");
                } catch (IllegalMonitorStateException refused) {
                    outcome.set(refused.getClass().getSimpleName());
                }
            });
            System.out.println("  another thread calls unlock() on main's ReentrantLock: " + outcome.get());
        } finally {
            lock.unlock();
        }

        var mutex = new Semaphore(1);
        mutex.acquire();
        runInOtherThread(mutex::release);
        System.out.printf("  another thread calls release() on main's Semaphore(1): accepted, %d permit free%n",
                mutex.availablePermits());
        mutex.release();
        System.out.printf("  main then releases its own permit too: %d permits free, a \"mutex\" that now lets two threads in%n",
                mutex.availablePermits());
        return mutex.availablePermits();
    }

    private static void runInOtherThread(Runnable work) throws InterruptedException {
        Thread.ofPlatform().name("other").start(work).join();
    }
}
