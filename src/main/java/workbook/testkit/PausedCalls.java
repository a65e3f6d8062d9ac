package workbook.testkit;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Holds a chosen thread at the moment an object hands something on to one of its parts (a queue's
 * {@code add}, an executor's {@code execute}), with every lock that thread holds there still held,
 * so that a test can run another operation in exactly that gap instead of hoping for it.
 *
 * <p>Some mistakes show only when a second thread comes in between a check and the change it
 * allows: {@code close()} that lands between {@code record()}'s "still open?" and its
 * {@code add}. When the code under test calls nothing the test gave it, there is no callback to
 * stop a thread in. But the object keeps its parts in fields, and a part kept in a field of an
 * interface type ({@code BlockingQueue}, {@code ExecutorService}) can be replaced, after the object
 * is made, by a proxy that passes every call on to the same part and holds the armed thread before
 * (or right after) its next call that hands something over: a call with arguments, on any such
 * field. Locks and conditions are left as they are, so the thread holds them as it would; so are
 * fields of a class type, static fields, and anything that cannot be set.
 *
 * <pre>{@code
 * var calls = PausedCalls.in(log);
 * var inRecord = calls.before();
 * var recorder = BlockingCall.run("recorder", () -> { inRecord.armThisThread(); log.record("x"); });
 * ThreadWatch.pollUntil(Duration.ofSeconds(2), () -> inRecord.reached() || recorder.isDone());
 * ... // another thread calls close() while the recorder is held just before its add
 * inRecord.release();
 * }</pre>
 *
 * <p>A held thread waits at most {@value #LONGEST_PAUSE_SECONDS} s, so a test that fails before it
 * releases leaves nothing stuck for long. An object with no such field holds nobody back: a test
 * then sees {@link #fields()} of 0, or a call that finished without {@link Pause#reached()}.
 */
public final class PausedCalls {

    static final int LONGEST_PAUSE_SECONDS = 5;

    private final ThreadLocal<Pause> armed = new ThreadLocal<>();
    private int fields;

    private PausedCalls() {}

    /** Puts a proxy in front of every part of {@code owner} kept in an instance field of a public interface type. */
    public static PausedCalls in(Object owner) {
        var calls = new PausedCalls();
        for (Class<?> type = owner.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (calls.replace(owner, field)) {
                    calls.fields++;
                }
            }
        }
        return calls;
    }

    /** How many fields now pass their calls through a proxy. */
    public int fields() {
        return fields;
    }

    /** A pause before the armed thread's next call that hands something over. */
    public Pause before() {
        return new Pause(true);
    }

    /** A pause right after the armed thread's next call that hands something over has returned or thrown. */
    public Pause after() {
        return new Pause(false);
    }

    private boolean replace(Object owner, Field field) {
        var type = field.getType();
        if (Modifier.isStatic(field.getModifiers()) || !type.isInterface() || !Modifier.isPublic(type.getModifiers())
                || Lock.class.isAssignableFrom(type) || ReadWriteLock.class.isAssignableFrom(type)
                || Condition.class.isAssignableFrom(type) || !field.trySetAccessible()) {
            return false;
        }
        try {
            var part = field.get(owner);
            if (part == null) {
                return false;
            }
            field.set(owner, Proxy.newProxyInstance(type.getClassLoader() == null ? PausedCalls.class.getClassLoader()
                    : type.getClassLoader(), new Class<?>[] {type}, new Passing(part)));
            return true;
        } catch (IllegalAccessException | IllegalArgumentException cannotBeSet) {
            return false; // a field that cannot be set keeps its part, and holds nobody back
        }
    }

    /** Passes every call on to the part, and holds the armed thread at its next call with arguments. */
    private final class Passing implements InvocationHandler {
        private final Object part;

        Passing(Object part) {
            this.part = part;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            var pause = armed.get();
            boolean handsOver = pause != null && args != null && args.length > 0
                    && method.getDeclaringClass() != Object.class;
            if (handsOver) {
                armed.remove();
                if (pause.before) {
                    pause.hold();
                }
            }
            try {
                return method.invoke(part, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            } finally {
                if (handsOver && !pause.before) {
                    pause.hold();
                }
            }
        }
    }

    /** One stop, for the one thread that arms it. */
    public final class Pause {
        private final boolean before;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Pause(boolean before) {
            this.before = before;
        }

        /** Makes the calling thread stop at its next call that hands something over (only that one). */
        public void armThisThread() {
            armed.set(this);
        }

        /** True once the armed thread has stopped here (it may have been released since). */
        public boolean reached() {
            return reached.getCount() == 0;
        }

        /** Lets the thread go on; a thread that arrives later goes straight through. */
        public void release() {
            released.countDown();
        }

        private void hold() {
            reached.countDown();
            try {
                released.await(LONGEST_PAUSE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
