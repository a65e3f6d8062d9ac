package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Wrong: a flag marks the build as attempted before the supplier runs, so after a failure get() returns null for ever. */
public class Lazy<T> {

    private final Object lock = new Object();
    private final Supplier<? extends T> supplier;
    private volatile T value; // written once, under lock; read without it
    private volatile boolean attempted;

    /** The supplier builds the value; it is called at most once per successful build and never returns null. */
    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    /** The value, built by the first call; a call made while another builds it waits and gets the same value. */
    public T get() {
        if (attempted) {
            return value;
        }
        synchronized (lock) {
            if (!attempted) {
                attempted = true;
                value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            }
            return value;
        }
    }

    /** Whether a get() has finished building the value; never waits. */
    public boolean isBuilt() {
        return attempted && value != null;
    }
}
