package l14b_running_maximum;

import java.util.Comparator;

/** Wrong: correct answers, but offer() takes a lock: a thread stopped inside it holds up every other offer, which the task forbids. */
public class RunningMaximum<T> {

    private final Comparator<? super T> order;
    private T maximum; // guarded by this

    public RunningMaximum(T initial, Comparator<? super T> order) {
        this.maximum = initial;
        this.order = order;
    }

    public synchronized void offer(T value) {
        if (order.compare(value, maximum) > 0) {
            maximum = value;
        }
    }

    public synchronized T get() {
        return maximum;
    }
}
