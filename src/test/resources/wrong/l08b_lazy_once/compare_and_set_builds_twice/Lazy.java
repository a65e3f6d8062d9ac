package l08b_lazy_once;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Wrong: compareAndSet stores the value once, but every caller that sees null has already called the supplier: the value is built more than once. */
public class Lazy<T> {

    private final Supplier<? extends T> supplier;
    private final AtomicReference<T> value = new AtomicReference<>();

    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        T built = value.get();
        if (built != null) {
            return built;
        }
        value.compareAndSet(null, supplier.get());
        return value.get();
    }

    public boolean isBuilt() {
        return value.get() != null;
    }
}
