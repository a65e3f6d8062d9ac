package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: the maximum is a static field, so every RunningMaximum shares one. */
public class RunningMaximum<T> {

    private static final AtomicReference<Object> MAXIMUM = new AtomicReference<>();
    private final Comparator<? super T> order;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        MAXIMUM.compareAndSet(null, initial);
        this.order = order;
    }

    @SuppressWarnings("unchecked")
    public void offer(T value) {
        Object current = MAXIMUM.get();
        while (order.compare(value, (T) current) > 0) {
            if (MAXIMUM.compareAndSet(current, value)) {
                return;
            }
            current = MAXIMUM.get();
        }
    }

    @SuppressWarnings("unchecked")
    public T get() {
        return (T) MAXIMUM.get();
    }
}
