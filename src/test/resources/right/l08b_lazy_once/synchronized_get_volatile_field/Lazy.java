package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Right: get() is synchronized as a whole (simple, a little slower), and the field is volatile so that isBuilt() can read it without the lock. */
public class Lazy<T> {

    private final Supplier<? extends T> supplier;
    private volatile T value; // written under this; read without it

    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    public synchronized T get() {
        if (value == null) {
            value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
        }
        return value;
    }

    public boolean isBuilt() {
        return value != null;
    }
}
