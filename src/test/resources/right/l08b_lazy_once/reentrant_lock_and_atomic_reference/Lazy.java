package l08b_lazy_once;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Right: an AtomicReference holds the value (its get() is a volatile read), built under a ReentrantLock released in finally. */
public class Lazy<T> {

    private final ReentrantLock lock = new ReentrantLock();
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
        lock.lock();
        try {
            if (value.get() == null) {
                value.set(Objects.requireNonNull(supplier.get(), "the supplier returned null"));
            }
            return value.get();
        } finally {
            lock.unlock();
        }
    }

    public boolean isBuilt() {
        return value.get() != null;
    }
}
