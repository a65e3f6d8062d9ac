package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: the loop retries with the value it read before the loop: once another thread changed the maximum, that compare-and-set fails for ever. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        T current = maximum.get();
        while (order.compare(value, current) > 0) {
            if (maximum.compareAndSet(current, value)) {
                return;
            }
        }
    }

    public T get() {
        return maximum.get();
    }
}
