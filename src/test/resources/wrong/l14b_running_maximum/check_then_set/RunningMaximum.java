package l14b_running_maximum;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;

/** Wrong: compares, then sets: another thread can store a larger value between the two, and this one writes its smaller value over it. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private final AtomicReference<T> maximum;

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = new AtomicReference<>(initial);
        this.order = order;
    }

    public void offer(T value) {
        if (order.compare(value, maximum.get()) > 0) {
            maximum.set(value);
        }
    }

    public T get() {
        return maximum.get();
    }
}
