package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Wrong (by the task's rule): isBuilt() takes the builder's lock, so it waits as long as a slow build runs. */
public class Lazy<T> {

    private final Supplier<? extends T> supplier;
    private T value; // guarded by this

    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    public synchronized T get() {
        if (value == null) {
            value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
        }
        return value;
    }

    public synchronized boolean isBuilt() {
        return value != null;
    }
}
