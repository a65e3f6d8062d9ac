package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value built on first use, once, however many threads ask for it at the same time.
 *
 * <p>Why this is right: double-checked locking, done the way the Java Memory Model allows. The
 * value is written once, inside the lock, and only after the supplier has returned it fully
 * built. The field is {@code volatile}, so a thread that reads it without the lock (the fast path
 * of {@code get()}, and {@code isBuilt()}) sees the value, and everything the supplier wrote to
 * build it: the volatile write happens-before every read that sees it. Without {@code volatile}
 * a reader could see the reference and not the fields behind it, or never see the reference.
 * The second check, inside the lock, stops a thread that waited for the builder from building
 * again. A supplier that throws leaves the field null, so the next call tries again; the lock is
 * released on any throwable because {@code synchronized} always releases it.
 *
 * <p>The lock is a private object, not {@code this}, so that no caller can hold it and stall builds.
 */
public class Lazy<T> {

    private final Object lock = new Object();
    private final Supplier<? extends T> supplier;
    private volatile T value; // written once, under lock; read without it

    /** The supplier builds the value; it is called at most once per successful build and never returns null. */
    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    /** The value, built by the first call; a call made while another builds it waits and gets the same value. */
    public T get() {
        T built = value;
        if (built != null) {
            return built;
        }
        synchronized (lock) {
            if (value == null) {
                value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            }
            return value;
        }
    }

    /** Whether a get() has finished building the value; never waits. */
    public boolean isBuilt() {
        return value != null;
    }
}
