package workbook.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Holds, on a thread of its own, every lock an object could guard its state with, so that a test
 * can make callers meet a lock that is taken, at a moment the test chooses, instead of hoping two
 * threads collide: the object's own monitor, the monitor of every object in its fields (static
 * ones too: a private lock object, the collection itself; not a {@code Thread}, whose monitor is the
 * JDK's), and every {@link Lock} and {@link ReadWriteLock} in its fields, in the order of the fields.
 *
 * <p>Two mistakes show only when a lock is taken: {@code tryLock()} whose result is ignored (the
 * caller goes on without the lock and fails in {@code await} or {@code unlock}), and an
 * {@code if} around a wait that is wrong only when another thread gets the lock between the
 * wake-up and the waiter's return. With the locks held, callers started now queue up on them in the
 * order they came (a {@code ReentrantLock} serves queued threads first come, first served), and
 * {@link #release} lets them all go at once.
 *
 * <p>An object guarded by something the test cannot see (a lock-free queue inside, say) is not
 * held back at all: judge what the callers did once released, not whether they waited.
 *
 * <pre>{@code
 * try (var held = HeldLocks.of(buffer, Duration.ofSeconds(2))) {
 *     var taker = BlockingCall.call("consumer", buffer::take);
 *     ... // the taker waits for the lock, or has its item already if nothing held it back
 * } // released
 * }</pre>
 */
public final class HeldLocks implements AutoCloseable {

    private final Thread holder;
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Duration deadline;

    private HeldLocks(Object owner, Duration deadline) {
        this.deadline = deadline;
        var candidates = candidates(owner);
        this.holder = Thread.ofPlatform().daemon().name("lock-holder").unstarted(() -> holdAll(candidates, 0));
    }

    /**
     * Takes every lock of {@code owner} on a new thread, and returns once all are held. Nobody
     * should keep a lock of {@code owner} longer than a moment, so waiting for them {@code patience}
     * (a fraction of a second) is enough; fails when a thread keeps one longer (it sleeps or waits
     * for something else while holding it).
     *
     * @param patience how long the locks may take to get; also how long {@link #release} waits for
     *                 the holding thread to end
     */
    public static HeldLocks of(Object owner, Duration patience) throws InterruptedException {
        var locks = new HeldLocks(owner, patience);
        locks.holder.start();
        if (!locks.held.await(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            var where = ThreadReport.describe(List.of(locks.holder));
            // The holder gives up: stuck on a Lock nobody will let go of, it would keep the monitors it
            // already holds for ever, and a thread whose Thread object it holds could not even end.
            locks.released.countDown();
            locks.holder.interrupt();
            throw new AssertionError("""
                    The test could not take the locks of a %s within %s: a thread keeps one of them while \
                    it waits for something else (Thread.sleep() and a wait on another object keep every \
                    lock the thread holds; only wait() and await() on the lock itself let go of it).
                    %s""".formatted(owner.getClass().getSimpleName(), Durations.readable(patience), where));
        }
        return locks;
    }

    /** Lets go of every lock, and waits for the holding thread to end. */
    public void release() throws InterruptedException {
        released.countDown();
        holder.join(deadline);
    }

    @Override
    public void close() throws InterruptedException {
        release();
    }

    private void holdAll(List<Object> candidates, int next) {
        if (next == candidates.size()) {
            held.countDown();
            awaitRelease();
            return;
        }
        var candidate = candidates.get(next);
        var lock = candidate instanceof ReadWriteLock readWrite ? readWrite.writeLock()
                : candidate instanceof Lock plain ? plain : null;
        if (lock != null) {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException gaveUp) {
                return; // the test gave up on taking every lock: let go of those held, on the way out
            }
            try {
                holdAll(candidates, next + 1);
            } finally {
                lock.unlock();
            }
        } else {
            synchronized (candidate) {
                holdAll(candidates, next + 1);
            }
        }
    }

    private void awaitRelease() {
        boolean interrupted = false;
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException e) {
                interrupted = true; // the locks stay held until the test releases them
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code owner} and every object in its fields, each once, in the order of the fields: the same order every run. */
    private static List<Object> candidates(Object owner) {
        var found = new ArrayList<Object>();
        var seen = Collections.newSetFromMap(new IdentityHashMap<Object, Boolean>());
        seen.add(owner);
        found.add(owner);
        for (Class<?> type = owner.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType().isPrimitive() || !field.trySetAccessible()) {
                    continue;
                }
                try {
                    var value = field.get(Modifier.isStatic(field.getModifiers()) ? null : owner);
                    // A Thread's monitor is the JDK's (join() waits on it, and a thread must take it to
                    // end): holding it would only keep the object's own thread from ending.
                    if (value != null && !(value instanceof Thread) && seen.add(value)) {
                        found.add(value);
                    }
                } catch (IllegalAccessException unreadable) {
                    // a field we may not read is not a lock the test can take
                }
            }
        }
        return found;
    }
}
