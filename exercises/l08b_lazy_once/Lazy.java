package l08b_lazy_once;

import java.util.function.Supplier;

/**
 * A value built on first use, once, however many threads ask for it at the same time.
 *
 * <p>As shipped, two threads that call {@link #get()} together may both build the value, and a
 * thread that asks {@link #isBuilt()} may never see a value another thread built.
 */
public class Lazy<T> {

    private final Supplier<? extends T> supplier;
    // TODO: publish the value so that every thread sees it, fully built.
    private T value;

    /** The supplier builds the value; it is called at most once per successful build and never returns null. */
    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    /** The value, built by the first call; a call made while another builds it waits and gets the same value. */
    public T get() {
        // TODO: build at most once, even when many threads call get() at once.
        if (value == null) {
            value = supplier.get();
        }
        return value;
    }

    /** Whether a get() has finished building the value; never waits. */
    public boolean isBuilt() {
        return value != null;
    }
}
