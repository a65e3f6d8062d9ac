package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Right: accumulateAndGet writes the compare-and-set loop itself: it applies the function to the current value, and applies it again if another thread changed the value first. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        maximum.accumulateAndGet(value, (current, offered) -> order.compare(offered, current) > 0 ? offered : current);
    }

    public T get() {
        return maximum.get();
    }
}
