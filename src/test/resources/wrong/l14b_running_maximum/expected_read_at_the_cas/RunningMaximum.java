package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: the compare-and-set expects a value read again just before it, not the one compared with, so it can store a smaller value over a larger one. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        T current;
        do {
            current = maximum.get();
            if (order.compare(value, current) <= 0) {
                return;
            }
        } while (!maximum.compareAndSet(maximum.get(), value));
    }

    public T get() {
        return maximum.get();
    }
}
