package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Looks at what a thread is doing right now, so that a test can tell a thread that waits from one
 * that is only slow, and a thread that woke up and went back to waiting from one that never woke.
 *
 * <p>Tests of locks and conditions need moments like "thread B is now waiting for the lock". Sleeping
 * a while and hoping is wrong both ways: too short on a loaded machine, too long on every run. The
 * JVM knows each thread's state, the object it waits on, the code it stands in, and how many times it
 * has started to wait. From those:
 * <ul>
 *   <li>{@link #isWaitingOn(Thread, Object)}: the thread is inside {@code wait()} on that object's
 *       monitor (or parked with it as the blocker, as {@code Condition.await()} does);</li>
 *   <li>{@link #isWaitingIn(Thread, Class)}: the thread waits, blocked or parked, in a call that code
 *       of that class made, say a {@code Semaphore.acquire()} inside {@code Inventory.add}. A thread
 *       that is the only user of an object and waits in its code waits for itself: nobody is left to
 *       wake it. {@link #staysWaitingIn} tells such a wait from a moment's pause;</li>
 *   <li>{@link #timesWaited(Thread)}: how many waits the thread has begun. It catches a waiter that
 *       does not check again after waking: wake it while what it waits for is still missing, and a
 *       correct waiter's count goes up by one as it waits again, while a broken one goes on.</li>
 * </ul>
 *
 * <pre>{@code
 * assertThat(ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> ThreadWatch.isWaitingOn(waiter, lock))).isTrue();
 * long before;
 * synchronized (lock) {            // holding the monitor: the waiter's current wait is already counted
 *     before = ThreadWatch.timesWaited(waiter);
 *     lock.notifyAll();            // a wakeup with nothing changed, as a spurious one would be
 * }
 * boolean waitedAgain = ThreadWatch.pollUntil(Duration.ofSeconds(2),
 *         () -> ThreadWatch.timesWaited(waiter) > before && ThreadWatch.isWaitingOn(waiter, lock));
 * }</pre>
 *
 * <p>Read a waiter's count while holding the monitor it waits on. The JVM shows a thread as waiting
 * a moment before it counts the wait, but it lets go of the monitor only after counting; once the
 * test holds the monitor, every waiter's current wait is in its count.
 */
public final class ThreadWatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(1);
    private static final Duration MOST_COUNTED_PER_LOOK = Duration.ofMillis(5);

    private ThreadWatch() {}

    /**
     * True when {@code thread} is at this moment inside {@code monitor.wait()}, or parked with
     * {@code monitor} as what it waits for; false when it runs, waits for something else, is
     * blocked entering a monitor, or has ended.
     */
    public static boolean isWaitingOn(Thread thread, Object monitor) {
        var info = infoOf(thread, 0);
        if (info == null || !isWaitingState(info.getThreadState()) || info.getLockInfo() == null) {
            return false;
        }
        var waitedFor = info.getLockInfo();
        return waitedFor.getIdentityHashCode() == System.identityHashCode(monitor)
                && waitedFor.getClassName().equals(monitor.getClass().getName());
    }

    /**
     * True when {@code thread} is at this moment waiting for a change rather than for a lock: inside
     * {@code monitor.wait()}, or inside {@code await()} on any {@code Condition}. A thread blocked
     * entering the monitor, or parked on a {@code ReentrantLock} itself, does not count. A thread that
     * was just notified may still show as waiting until it runs again: to see that a woken thread
     * waits <em>again</em>, check {@link #timesWaited} went up as well.
     */
    public static boolean isWaitingForACondition(Thread thread, Object monitor) {
        if (isWaitingOn(thread, monitor)) {
            return true;
        }
        var info = infoOf(thread, 0);
        return info != null && isWaitingState(info.getThreadState()) && info.getLockInfo() != null
                && info.getLockInfo().getClassName().endsWith("$ConditionObject");
    }

    /**
     * True when {@code thread} is blocked or waiting at this moment, in a call made by code of
     * {@code type} (or of a class nested in it): the first frame on its stack outside the JDK belongs
     * to {@code type}. A thread paused in code that a test handed to {@code type}, such as a callback,
     * is not counted: that wait is the test's, not the class's.
     */
    public static boolean isWaitingIn(Thread thread, Class<?> type) {
        var info = infoOf(thread, Integer.MAX_VALUE);
        if (info == null) {
            return false;
        }
        var state = info.getThreadState();
        if (state != Thread.State.BLOCKED && !isWaitingState(state)) {
            return false;
        }
        for (var frame : info.getStackTrace()) {
            if (!isJdk(frame.getClassName())) {
                var name = frame.getClassName();
                return name.equals(type.getName()) || name.startsWith(type.getName() + "$");
            }
        }
        return false;
    }

    /**
     * True when {@code thread} waits in a call made by {@code type} and is still in that same wait
     * {@code steady} later, not woken in between: it is stuck there, not passing through.
     */
    public static boolean staysWaitingIn(Thread thread, Class<?> type, Duration steady) {
        if (!isWaitingIn(thread, type)) {
            return false;
        }
        long movesBefore = timesWaitedOrBlocked(thread);
        return holdsFor(steady, () -> isWaitingIn(thread, type) && timesWaitedOrBlocked(thread) == movesBefore);
    }

    /**
     * True when {@code thread} is blocked or waiting, wherever that is (in the JDK, in a pool's
     * queue, in the class under test), and is still in that same wait {@code steady} later, not woken
     * in between. For a thread whose code the test cannot name: a worker of a pool, which may park
     * in the pool's own queue or inside the class under test depending on the answer.
     */
    public static boolean staysParked(Thread thread, Duration steady) {
        var state = thread.getState();
        if (state != Thread.State.BLOCKED && !isWaitingState(state)) {
            return false;
        }
        long movesBefore = timesWaitedOrBlocked(thread);
        return holdsFor(steady, () -> thread.getState() == state && timesWaitedOrBlocked(thread) == movesBefore);
    }

    /**
     * Whether {@code still} holds at every look, about every millisecond, for {@code steady}, counting
     * at most {@link #MOST_COUNTED_PER_LOOK} of the time between two looks. When the whole JVM is
     * held off the cores (a busy machine, a pause for the garbage collector), the watched thread is
     * held off too: a thread woken just before would still look asleep afterwards, and the time that
     * passed without either of them running proves nothing about it.
     */
    static boolean holdsFor(Duration steady, BooleanSupplier still) {
        long counted = 0;
        long last = System.nanoTime();
        while (counted < steady.toNanos()) {
            pause(POLL_INTERVAL);
            long now = System.nanoTime();
            counted += Math.min(now - last, MOST_COUNTED_PER_LOOK.toNanos());
            last = now;
            if (!still.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code thread}, a pool's thread, is between tasks: it has ended, or it waits for
     * something no thread holds (the pool's queue, a monitor's {@code wait()}), and not in code of
     * {@code testClass} (a task the test gave it). A thread still giving its place back (running, or
     * waiting for a lock another thread holds) is not. Before a check that counts places, wait for
     * every pool thread to be between tasks: a correct executor may give a place back a moment after
     * its task has ended.
     */
    public static boolean isBetweenTasks(Thread thread, Class<?> testClass) {
        var info = infoOf(thread, 0);
        return info == null || isWaitingState(info.getThreadState()) && info.getLockOwnerId() == -1 && !isWaitingIn(thread, testClass);
    }

    /**
     * How many times {@code thread} has begun to wait so far ({@code Object.wait()}, a park, a
     * sleep, a join); -1 when it has ended.
     */
    public static long timesWaited(Thread thread) {
        var info = infoOf(thread, 0);
        return info == null ? -1 : info.getWaitedCount();
    }

    /**
     * Checks {@code condition} about every millisecond until it holds (true) or {@code deadline} has
     * passed (false). The condition is checked at least once.
     */
    public static boolean pollUntil(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            pause(POLL_INTERVAL);
        }
        return true;
    }

    private static long timesWaitedOrBlocked(Thread thread) {
        var info = infoOf(thread, 0);
        return info == null ? -1 : info.getWaitedCount() + info.getBlockedCount();
    }

    private static ThreadInfo infoOf(Thread thread, int frames) {
        return thread.isAlive() ? THREADS.getThreadInfo(thread.threadId(), frames) : null;
    }

    private static boolean isWaitingState(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching threads", e);
        }
    }
}
