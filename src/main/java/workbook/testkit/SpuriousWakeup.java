package workbook.testkit;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Wakes a waiting thread although nothing it waits for has changed, as the JVM is allowed to do
 * at any time (a spurious wakeup), so that a test can see whether the code it waits in checks
 * again and goes back to waiting.
 *
 * <p>Code that waits with {@code if} instead of {@code while} looks right as long as every wakeup
 * means "what you wait for has happened". To prove the loop is there, the test wakes the thread
 * itself while the condition is still false, whatever the thread waits with:
 * <ul>
 *   <li>a thread in {@code Object.wait()} is woken with {@code notifyAll()} on its monitor. The
 *       test cannot name that monitor (it may be a private lock object), so it is looked up by
 *       identity among {@code owner} and the objects in {@code owner}'s fields, static ones too,
 *       the only places a monitor that guards {@code owner}'s state can live;</li>
 *   <li>a thread in {@code await()} on a {@code Condition} kept in a field of {@code owner} is
 *       signalled ({@code signalAll()}, holding the lock it belongs to, also found among the
 *       fields): await() absorbs a bare unpark, but a signal while nothing changed happens in real
 *       code too (another waiter's signal, a signalAll);</li>
 *   <li>a thread parked ({@code LockSupport.park}, a {@code Semaphore}) is unparked.</li>
 * </ul>
 * {@link #wake} returns how many waits the thread had begun before the wakeup; a thread that goes
 * back to waiting counts one more ({@link ThreadWatch#timesWaited}).
 *
 * <pre>{@code
 * long before = SpuriousWakeup.wake(waiter, lock);
 * boolean waitsAgain = ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> gotTheLock.get()
 *         || ThreadWatch.timesWaited(waiter) > before && ThreadWatch.isWaitingIn(waiter, MyLock.class));
 * }</pre>
 */
public final class SpuriousWakeup {

    /** How long to try for the lock a Condition belongs to, before giving up on signalling it. */
    private static final Duration SIGNAL_PATIENCE = Duration.ofMillis(200);

    private SpuriousWakeup() {}

    /**
     * Wakes {@code waiter} once in every way it can be waiting, and returns how many waits it had
     * begun just before.
     *
     * @param owner the object whose code the thread waits in; its monitor, or a field's, is notified
     */
    public static long wake(Thread waiter, Object owner) {
        var monitor = monitorWaitedOn(waiter, owner);
        long before;
        if (monitor instanceof Condition condition) {
            before = ThreadWatch.timesWaited(waiter);
            signal(condition, owner);
        } else if (monitor != null && inObjectWait(waiter)) {
            // Holding the monitor, the waiter's current wait is already counted (see ThreadWatch).
            synchronized (monitor) {
                before = ThreadWatch.timesWaited(waiter);
                monitor.notifyAll();
            }
        } else {
            before = ThreadWatch.timesWaited(waiter);
        }
        LockSupport.unpark(waiter);
        return before;
    }

    /**
     * True when the thread waits in Object.wait(), not parked with the object as its blocker: a
     * parked thread may hold that object's monitor (a broken answer that parks inside a
     * synchronized method), and taking the monitor would then hang the test; unpark wakes it.
     */
    private static boolean inObjectWait(Thread waiter) {
        return Arrays.stream(waiter.getStackTrace()).limit(4)
                .anyMatch(frame -> frame.getClassName().equals("java.lang.Object") && frame.getMethodName().startsWith("wait"));
    }

    /**
     * Signals {@code condition}, which a thread awaits (signalAll, holding the lock it belongs to,
     * found among {@code owner} and its fields): a Condition's own
     * await() absorbs a bare unpark, but its contract allows a spurious return, and a signal while
     * nothing changed is just as possible in real code (another waiter's signal, a signalAll).
     * The lock is only tried, for a moment: a test must not hang on a lock a broken answer kept.
     */
    private static void signal(Condition condition, Object owner) {
        for (var candidate : candidates(owner)) {
            var locks = new ArrayList<Lock>();
            if (candidate instanceof Lock lock) {
                locks.add(lock);
            } else if (candidate instanceof ReadWriteLock readWrite) {
                locks.add(readWrite.writeLock());
            }
            for (var lock : locks) {
                if (signalled(lock, condition)) {
                    return;
                }
            }
        }
    }

    private static boolean signalled(Lock lock, Condition condition) {
        try {
            if (!lock.tryLock(SIGNAL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            condition.signalAll();
            return true;
        } catch (IllegalMonitorStateException notItsLock) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The object among {@code owner} and its fields whose monitor {@code waiter} waits on, or null. */
    static Object monitorWaitedOn(Thread waiter, Object owner) {
        var info = ManagementFactory.getThreadMXBean().getThreadInfo(waiter.threadId());
        if (info == null || info.getLockInfo() == null) {
            return null;
        }
        var waitedFor = info.getLockInfo();
        for (var candidate : candidates(owner)) {
            if (System.identityHashCode(candidate) == waitedFor.getIdentityHashCode()
                    && candidate.getClass().getName().equals(waitedFor.getClassName())) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Object> candidates(Object owner) {
        var found = new ArrayList<Object>();
        found.add(owner);
        for (Class<?> type = owner.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType().isPrimitive() || !field.trySetAccessible()) {
                    continue;
                }
                try {
                    var value = field.get(Modifier.isStatic(field.getModifiers()) ? null : owner);
                    if (value != null) {
                        found.add(value);
                    }
                } catch (IllegalAccessException unreadable) {
                    // a field we may not read cannot be handed a notifyAll() either
                }
            }
        }
        return found;
    }
}
