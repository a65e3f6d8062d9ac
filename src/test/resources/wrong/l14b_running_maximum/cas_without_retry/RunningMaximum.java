package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: one compare-and-set and no loop: when another thread changed the maximum first, this offer is dropped even if its value was larger. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        T current = maximum.get();
        if (order.compare(value, current) > 0) {
            maximum.compareAndSet(current, value);
        }
    }

    public T get() {
        return maximum.get();
    }
}
