package l08b_lazy_once;

import java.util.Objects;
import java.util.function.Supplier;

/** Wrong: the holder is published before the supplier has filled it, so isBuilt() says true, and readers may get null, while the build runs. */
public class Lazy<T> {

    private final Object lock = new Object();
    private final Supplier<? extends T> supplier;
    private volatile Holder<T> holder;

    private static final class Holder<T> {
        T value;
    }

    public Lazy(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        var current = holder;
        if (current != null && current.value != null) {
            return current.value;
        }
        synchronized (lock) {
            if (holder == null) {
                holder = new Holder<>();
                holder.value = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            }
            return holder.value;
        }
    }

    public boolean isBuilt() {
        return holder != null;
    }
}
