package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Wrong: the value is static, so every Lazy returns the value the first one built. */
public class Lazy<T> {

    private static final Object lock = new Object();
    private final Supplier<? extends T> supplier;
    private static volatile Object value;

    /** The supplier builds the value; it is called at most once per successful build and never returns null. */
    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    /** The value, built by the first call; a call made while another builds it waits and gets the same value. */
    public T get() {
        @SuppressWarnings("unchecked")
        T built = (T) value;
        if (built != null) {
            return built;
        }
        synchronized (lock) {
            if (value == null) {
                value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            }
            @SuppressWarnings("unchecked")
            T stored = (T) value;
            return stored;
        }
    }

    /** Whether a get() has finished building the value; never waits. */
    public boolean isBuilt() {
        return value != null;
    }
}
