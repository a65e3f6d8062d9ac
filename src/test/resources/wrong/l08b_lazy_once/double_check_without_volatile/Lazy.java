package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Wrong: double-checked locking on a plain field: a thread that reads it without the lock may never see the value, or see it half built. */
public class Lazy<T> {

    private final Object lock = new Object();
    private final Supplier<? extends T> supplier;
    private T value;

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
