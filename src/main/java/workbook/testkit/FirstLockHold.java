package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds chosen threads right after they take their first {@link WatchedLock}, until the test lets
 * them all go: the interleaving in which locks taken in opposite orders deadlock, made to happen
 * every time instead of now and then.
 *
 * <p>Start thread A and wait until it is held ({@link #awaitHeld}); start thread B and wait until
 * it is held too, or has tried a lock that a held thread owns, or waits for something else
 * ({@link #awaitHeldOrWaiting}); then {@link #releaseAll()}. Code that takes its locks in an order
 * that A and B agree on sends B to wait for A's lock; code that does not has each of them holding
 * one lock the other needs, and {@link #deadlocked} says so within milliseconds.
 *
 * <pre>{@code
 * var hold = new FirstLockHold();
 * var a = hold.call("x-to-y", () -> x.transfer(y, 10));
 * hold.awaitHeld(a, Account.class, "x.transfer(y, 10)");
 * var b = hold.call("y-to-x", () -> y.transfer(x, 20));
 * hold.awaitHeldOrWaiting(b, Account.class);
 * hold.releaseAll();
 * }</pre>
 *
 * <p>{@link #callHeldBeforeSecondLock} stops a thread a step later instead: holding its first
 * lock, about to try its second; {@link #callHeldAtFirstRelease} when it first lets go of a lock
 * while it holds another.
 *
 * <p>A held thread waits at most {@value #HOLD_SECONDS} s, so a test that fails before it lets go
 * leaves nothing stuck for long.
 */
public class FirstLockHold implements WatchedLock.Listener {

    static final long HOLD_SECONDS = 5;
    private static final Duration STEADY = Duration.ofMillis(50);

    private final Set<Thread> toHold = ConcurrentHashMap.newKeySet();
    private final Set<Thread> toHoldAtSecond = ConcurrentHashMap.newKeySet();
    private final Set<Thread> toHoldAtRelease = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Integer> holding = new ConcurrentHashMap<>();
    private final Set<Thread> held = ConcurrentHashMap.newKeySet();
    private final Map<Thread, WatchedLock> lastTried = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** Makes {@code call} on a new thread that this hold stops right after it first takes a watched lock. */
    public <T> BlockingCall<T> call(String name, Callable<T> call) {
        return callHeldIn(toHold, name, call);
    }

    /**
     * Makes {@code call} on a new thread that this hold stops when, holding one watched lock, it is
     * about to try another: the moment between the first lock and the second, where code that
     * checks something under the first lock alone would act on a check that is no longer true.
     */
    public <T> BlockingCall<T> callHeldBeforeSecondLock(String name, Callable<T> call) {
        return callHeldIn(toHoldAtSecond, name, call);
    }

    /**
     * Makes {@code call} on a new thread that this hold stops when it first lets go of a watched
     * lock while it still holds another: code that lets go of one lock in the middle of its work,
     * to take it again later, is stopped with its work half done.
     */
    public <T> BlockingCall<T> callHeldAtFirstRelease(String name, Callable<T> call) {
        return callHeldIn(toHoldAtRelease, name, call);
    }

    private <T> BlockingCall<T> callHeldIn(Set<Thread> holdSet, String name, Callable<T> call) {
        var ready = new CountDownLatch(1);
        var made = BlockingCall.call(name, () -> {
            ready.await();
            return call.call();
        });
        holdSet.add(made.thread());
        ready.countDown();
        return made;
    }

    /** True once {@code thread} has been stopped at its first lock (and not yet let go). */
    public boolean isHeld(Thread thread) {
        return held.contains(thread) && release.getCount() > 0;
    }

    /**
     * Waits until the call is held at its first lock; fails, saying so, when it returns or waits
     * inside {@code code} without ever taking a watched lock.
     */
    public void awaitHeld(BlockingCall<?> made, Class<?> code, String what, Duration deadline) {
        var thread = made.thread();
        ThreadWatch.pollUntil(deadline, () -> held.contains(thread) || made.isDone()
                || ThreadWatch.staysWaitingIn(thread, code, STEADY));
        if (!held.contains(thread)) {
            throw new AssertionError("""
                    %s was the only call running, and it %s without taking any of the locks it was given.
                    %s""".formatted(what, made.isDone() ? "returned" : "waited", made.describe()));
        }
    }

    /**
     * Waits until the call is held at its first lock too, or has tried a lock that a held thread
     * owns, or waits inside {@code code} for something else (a lock of its own), or has returned.
     */
    public void awaitHeldOrWaiting(BlockingCall<?> made, Class<?> code, Duration deadline) {
        var thread = made.thread();
        boolean settled = ThreadWatch.pollUntil(deadline, () -> held.contains(thread) || made.isDone()
                || triedALockOfAHeldThread(thread) || ThreadWatch.staysWaitingIn(thread, code, STEADY));
        if (!settled) {
            throw new AssertionError("\"%s\" neither took a lock nor waited within %s:%n%s"
                    .formatted(thread.getName(), Durations.readable(deadline), made.describe()));
        }
    }

    private boolean triedALockOfAHeldThread(Thread thread) {
        var tried = lastTried.get(thread);
        var owner = tried == null ? null : tried.owner();
        return owner != null && owner != thread && held.contains(owner);
    }

    /** Lets every held thread go on, and holds no thread from now on. */
    public void releaseAll() {
        toHold.clear();
        toHoldAtSecond.clear();
        toHoldAtRelease.clear();
        release.countDown();
    }

    /**
     * True when the JVM finds two or more of {@code threads} deadlocked, each in a wait with no time
     * limit for a lock another one holds: none of them can ever go on. (A wait with a time limit,
     * such as {@code tryLock(timeout)}, ends by itself and is not counted.)
     */
    public static boolean deadlocked(Collection<Thread> threads) {
        long[] found = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        if (found == null) {
            return false;
        }
        var ids = Arrays.stream(found).boxed().toList();
        return threads.stream().filter(t -> ids.contains(t.threadId()) && t.getState() == Thread.State.WAITING).count() >= 2;
    }

    @Override
    public void tried(WatchedLock lock) {
        var me = Thread.currentThread();
        lastTried.put(me, lock);
        if (holding.getOrDefault(me, 0) > 0 && !lock.isHeldByCurrentThread() && toHoldAtSecond.remove(me)) {
            holdHere(me);
        }
    }

    @Override
    public void took(WatchedLock lock) {
        var me = Thread.currentThread();
        holding.merge(me, 1, Integer::sum);
        if (toHold.remove(me)) {
            holdHere(me);
        }
    }

    @Override
    public void released(WatchedLock lock) {
        var me = Thread.currentThread();
        if (holding.merge(me, -1, Integer::sum) > 0 && toHoldAtRelease.remove(me)) {
            holdHere(me);
        }
    }

    private void holdHere(Thread me) {
        held.add(me);
        try {
            if (!release.await(HOLD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never let \"" + me.getName() + "\" go on from its first lock");
            }
        } catch (InterruptedException e) {
            me.interrupt();
        }
    }
}
